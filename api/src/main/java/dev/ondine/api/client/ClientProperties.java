package dev.ondine.api.client;

import dev.ondine.api.Limits;

/**
 * Keys of {@link jakarta.websocket.ClientEndpointConfig#getUserProperties()} that Ondine's client
 * reads for one connection.
 */
public final class ClientProperties {

    /**
     * Time allowed for the TCP connection and the opening handshake, in milliseconds (a Number
     * or a String; default: the handshake timeout). Through a proxy it also bounds the proxy's
     * answer to {@code CONNECT}, a retry with credentials included.
     */
    public static final String CONNECT_TIMEOUT_MILLIS = "ondine.client.connectTimeoutMillis";

    /**
     * A {@link javax.net.ssl.SSLContext} for {@code wss://} when the configuration's own
     * {@link jakarta.websocket.ClientEndpointConfig#getSSLContext()} is null.
     */
    public static final String SSL_CONTEXT = "ondine.client.sslContext";

    /**
     * {@code true} (a Boolean or a String): do not check that the server's certificate names
     * the host of the {@code wss://} URI. Keep it to tests.
     */
    public static final String DISABLE_HOSTNAME_VERIFICATION = "ondine.client.disableHostnameVerification";

    /** {@code true}: offer permessage-deflate on this connection (see {@link Limits#PERMESSAGE_DEFLATE}). */
    public static final String PERMESSAGE_DEFLATE = Limits.PERMESSAGE_DEFLATE;

    /**
     * The HTTP proxy for this connection, which the client asks for a tunnel with {@code CONNECT}
     * (RFC 9110 §9.3.6); for {@code wss://} TLS runs inside the tunnel and the server's
     * certificate must name the URI's host, not the proxy. The URI's host is resolved by the
     * proxy. One of:
     * <ul>
     * <li>a {@link java.net.Proxy}: {@code HTTP} (its address), or {@code DIRECT} for none
     *     ({@code SOCKS} is refused: only HTTP proxies are supported);</li>
     * <li>a {@link java.net.ProxySelector}, asked as below;</li>
     * <li>a {@link java.net.URI} or a String {@code http://[user:password@]host[:port]} (port 80
     *     by default; percent-encoded user information, used when {@link #PROXY_CREDENTIALS} is
     *     absent);</li>
     * <li>the String {@code "DIRECT"} for none.</li>
     * </ul>
     * Anything else makes {@code connectToServer} throw a {@code DeploymentException}.
     *
     * <p>Without it the client asks {@code ProxySelector.getDefault()}, as
     * {@code java.net.http.HttpClient} does for its WebSocket: with the {@code http://} form of
     * a {@code ws://} URI and the {@code https://} form of a {@code wss://} one, so that
     * {@code http.proxyHost}/{@code http.proxyPort}, {@code https.proxyHost}/{@code https.proxyPort}
     * and {@code http.nonProxyHosts} apply (the JDK's selector never proxies {@code localhost},
     * {@code 127.*} and {@code [::1]} unless {@code http.nonProxyHosts} is set to the empty
     * string); the first proxy of its answer is used if it is an HTTP proxy, else the
     * connection is direct. When a selector's proxy cannot be reached or does not answer, its
     * {@link java.net.ProxySelector#connectFailed connectFailed} is called (on a pool thread).
     *
     * <p>A proxy that cannot be reached, closes, does not answer within the connect timeout, or
     * refuses (a 403, a 502, a 407 without usable credentials) makes {@code connectToServer}
     * throw an {@link java.io.IOException} naming the proxy and its answer.
     */
    public static final String PROXY = "ondine.client.proxy";

    /**
     * Basic credentials for the proxy (RFC 7617): a {@link java.net.PasswordAuthentication}, or a
     * String {@code user:password} (split at the first colon; the user may hold none). Credentials
     * in the proxy URI are used when this is absent. They are sent, as
     * {@code Proxy-Authorization}, only when the proxy asks with a 407 offering Basic: the client
     * then tries once more on a new connection. They are not taken from
     * {@link java.net.Authenticator}.
     */
    public static final String PROXY_CREDENTIALS = "ondine.client.proxyCredentials";

    private ClientProperties() {
    }
}
