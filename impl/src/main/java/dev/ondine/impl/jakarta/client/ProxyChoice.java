package dev.ondine.impl.jakarta.client;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.impl.protocol.proxy.BasicCredentials;
import dev.ondine.impl.transport.ClientProxy;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which HTTP proxy a client connection goes through: the configuration's
 * {@link ClientProperties#PROXY} and {@link ClientProperties#PROXY_CREDENTIALS} user
 * properties, else {@link ProxySelector#getDefault()}, asked as {@code java.net.http.HttpClient}
 * asks it for a WebSocket: with the {@code http://} form of a {@code ws://} URI and the
 * {@code https://} form of a {@code wss://} one (so the JDK's {@code http.proxyHost},
 * {@code https.proxyHost} and {@code http.nonProxyHosts} apply, loopback hosts excepted by
 * default), taking the first proxy of its list, and connecting directly unless that is an
 * HTTP proxy.
 */
final class ProxyChoice {
    private static final Logger LOG = Logger.getLogger(ProxyChoice.class.getName());

    private ProxyChoice() {
    }

    /**
     * The proxy for a connection to {@code uri}, or null for a direct connection.
     *
     * @param hooks runs {@link ProxySelector#connectFailed} off the transport's thread
     * @throws DeploymentException when a property holds what it may not
     */
    static ClientProxy choose(ClientEndpointConfig config, URI uri, Executor hooks) throws DeploymentException {
        Object configured = config.getUserProperties().get(ClientProperties.PROXY);
        BasicCredentials credentials = credentials(config.getUserProperties().get(ClientProperties.PROXY_CREDENTIALS));
        if (configured == null) {
            ProxySelector selector = ProxySelector.getDefault();
            return selector == null ? null : fromSelector(selector, uri, credentials, hooks, false);
        }
        if (configured instanceof ProxySelector selector) {
            return fromSelector(selector, uri, credentials, hooks, true);
        }
        if (configured instanceof Proxy proxy) {
            return fromProxy(proxy, credentials, null);
        }
        if (configured instanceof URI proxyUri) {
            return fromUri(proxyUri, credentials);
        }
        if (configured instanceof String text) {
            if (text.strip().equalsIgnoreCase("DIRECT")) {
                return null;
            }
            try {
                return fromUri(new URI(text.strip()), credentials);
            } catch (URISyntaxException e) {
                throw invalid("is not a URI: " + e.getMessage());
            }
        }
        throw invalid("must be a java.net.Proxy, a java.net.ProxySelector, a java.net.URI or a String, not "
                + configured.getClass().getName());
    }

    /**
     * The selector's first answer for the {@code http(s)://} form of the URI. A SOCKS proxy
     * there means a direct connection from the default selector (as HttpClient does, which
     * tunnels through HTTP proxies only), and an error from the configuration's own selector.
     */
    private static ClientProxy fromSelector(ProxySelector selector, URI uri, BasicCredentials credentials,
                                            Executor hooks, boolean configured) throws DeploymentException {
        URI asked = httpForm(uri);
        List<Proxy> proxies;
        try {
            proxies = selector.select(asked);
        } catch (RuntimeException e) {
            throw new DeploymentException("The proxy selector failed for " + asked + ": " + e, e);
        }
        if (proxies == null || proxies.isEmpty()) {
            return null;
        }
        Proxy first = proxies.get(0);
        if (first.type() == Proxy.Type.SOCKS && !configured) {
            return null;
        }
        Consumer<IOException> connectFailed = e -> {
            try {
                hooks.execute(() -> {
                    try {
                        selector.connectFailed(asked, first.address(), e);
                    } catch (RuntimeException failure) {
                        LOG.log(Level.WARNING, "ProxySelector.connectFailed threw", failure);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                // the client is stopping: no one to tell
            }
        };
        return fromProxy(first, credentials, connectFailed);
    }

    private static ClientProxy fromProxy(Proxy proxy, BasicCredentials credentials, Consumer<IOException> connectFailed)
            throws DeploymentException {
        switch (proxy.type()) {
            case DIRECT:
                return null;
            case HTTP:
                SocketAddress a = proxy.address();
                if (!(a instanceof InetSocketAddress address)) {
                    throw invalid("names an HTTP proxy without a host and port: " + proxy);
                }
                return new ClientProxy(address, credentials, connectFailed);
            default:
                throw invalid("names a " + proxy.type() + " proxy (" + proxy + "): only HTTP proxies are supported");
        }
    }

    /** {@code http://[user:password@]host[:port][/]}; credentials in the URI count when the property has none. */
    private static ClientProxy fromUri(URI proxy, BasicCredentials credentials) throws DeploymentException {
        String scheme = proxy.getScheme() == null ? "" : proxy.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw invalid("must be an http:// URI (host and port of an HTTP proxy), not " + redacted(proxy));
        }
        if (proxy.getHost() == null) {
            throw invalid("has no host: " + redacted(proxy));
        }
        String path = proxy.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || proxy.getRawQuery() != null
                || proxy.getRawFragment() != null) {
            throw invalid("must name only a host and port: " + redacted(proxy));
        }
        BasicCredentials fromUri = null;
        if (credentials == null && proxy.getUserInfo() != null) {
            fromUri = parseCredentials(proxy.getUserInfo(), "the user information of " + ClientProperties.PROXY);
        }
        String host = proxy.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = proxy.getPort() == -1 ? 80 : proxy.getPort();
        return new ClientProxy(InetSocketAddress.createUnresolved(host, port), credentials != null ? credentials : fromUri,
                null);
    }

    private static BasicCredentials credentials(Object value) throws DeploymentException {
        if (value == null) {
            return null;
        }
        if (value instanceof PasswordAuthentication auth) {
            try {
                return new BasicCredentials(auth.getUserName(), auth.getPassword());
            } catch (IllegalArgumentException e) {
                throw new DeploymentException(ClientProperties.PROXY_CREDENTIALS + ": " + e.getMessage());
            }
        }
        if (value instanceof String text) {
            return parseCredentials(text, ClientProperties.PROXY_CREDENTIALS);
        }
        throw new DeploymentException(ClientProperties.PROXY_CREDENTIALS
                + " must be a java.net.PasswordAuthentication or a String user:password, not " + value.getClass().getName());
    }

    private static BasicCredentials parseCredentials(String userColonPassword, String where) throws DeploymentException {
        try {
            return BasicCredentials.parse(userColonPassword);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(where + ": " + e.getMessage());
        }
    }

    /** The {@code http://} or {@code https://} form of a {@code ws://} or {@code wss://} URI. */
    static URI httpForm(URI uri) {
        String scheme = uri.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }

    /** The URI without its user information, for messages. */
    private static String redacted(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    private static DeploymentException invalid(String what) {
        return new DeploymentException(ClientProperties.PROXY + " " + what);
    }
}
