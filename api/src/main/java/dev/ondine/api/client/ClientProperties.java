package dev.ondine.api.client;

import dev.ondine.api.Limits;

/**
 * Keys of {@link jakarta.websocket.ClientEndpointConfig#getUserProperties()} that Ondine's client
 * reads for one connection.
 */
public final class ClientProperties {

    /**
     * Time allowed for the TCP connection and the opening handshake, in milliseconds (a Number
     * or a String; default: the handshake timeout).
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
     * The HTTP proxy for this connection: a {@link java.net.Proxy}, a {@link java.net.ProxySelector},
     * a {@link java.net.URI} or a String {@code http://[user:password@]host:port}, or the String
     * {@code "DIRECT"} for none. Without it the client asks {@code ProxySelector.getDefault()}
     * (which honours {@code http.proxyHost}, {@code https.proxyHost} and {@code http.nonProxyHosts}),
     * as {@code java.net.http.HttpClient} does.
     */
    public static final String PROXY = "ondine.client.proxy";

    /**
     * Basic credentials for the proxy: a {@link java.net.PasswordAuthentication}, or a String
     * {@code user:password}. Credentials in the proxy URI are used when this is absent.
     */
    public static final String PROXY_CREDENTIALS = "ondine.client.proxyCredentials";

    private ClientProperties() {
    }
}
