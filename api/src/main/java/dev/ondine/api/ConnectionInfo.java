package dev.ondine.api;

import dev.ondine.api.spi.HandshakeConnection;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;

import java.net.SocketAddress;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The network connection under a server's WebSocket session: the peer's address and the
 * server's own, and, over TLS, the protocol version, the cipher suite and the certificate chain
 * the client presented (jakartaee/websocket#255; WebSocket 2.3 adds the addresses and the
 * chain to {@code HandshakeRequest}).
 *
 * <pre>{@code
 * // in an endpoint
 * SocketAddress peer = ConnectionInfo.of(session).remoteAddress();
 * // in a configurator's modifyHandshake
 * List<X509Certificate> chain = ConnectionInfo.of(request).peerCertificates();
 * // in a configurator's checkOrigin, which is given no request
 * ConnectionInfo connection = ConnectionInfo.current();
 * }</pre>
 *
 * <p>Code that sees only the Jakarta API finds the same facts in the user properties of the
 * handshake's {@code ServerEndpointConfig} (as {@code modifyHandshake} gets it) and of the
 * session, under the keys below, when {@link Limits#CONNECTION_PROPERTIES} is on (it is off by
 * default: the Jakarta WebSocket TCK counts the user properties); the two address keys are
 * Jetty's, so that code written for Jetty reads them unchanged.
 *
 * <p>The remote address is the peer of the TCP connection: behind a reverse proxy or a load
 * balancer that is the proxy, not the browser (its {@code Forwarded} or {@code X-Forwarded-For}
 * header, when it is trusted, names the client). On a servlet container the addresses are the
 * servlet request's ({@code getRemoteAddr}, {@code getRemotePort}, ...), so a container's own
 * remote-IP valve or filter applies.
 */
public interface ConnectionInfo {

    /** User property: the peer's address, a {@link java.net.InetSocketAddress} (Jetty's key). */
    String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    /** User property: the server's address of the connection, a {@link java.net.InetSocketAddress} (Jetty's key). */
    String LOCAL_ADDRESS = "jakarta.websocket.endpoint.localAddress";

    /** User property, over TLS: the TLS protocol version, a String such as {@code TLSv1.3}. */
    String TLS_PROTOCOL = "dev.ondine.tls.protocol";

    /** User property, over TLS: the cipher suite, a String such as {@code TLS_AES_128_GCM_SHA256}. */
    String CIPHER_SUITE = "dev.ondine.tls.cipherSuite";

    /**
     * User property, when the client presented a certificate: its chain, an
     * {@code X509Certificate[]}, the client's own certificate first.
     */
    String PEER_CERTIFICATES = "dev.ondine.tls.peerCertificates";

    /**
     * The connection of a server session.
     *
     * @throws IllegalArgumentException if {@code session} is not a server session of Ondine's
     */
    static ConnectionInfo of(Session session) {
        return fromHolder(session, "session");
    }

    /**
     * The connection of the opening handshake a configurator is deciding on
     * ({@code modifyHandshake}).
     *
     * @throws IllegalArgumentException if {@code request} is not Ondine's
     */
    static ConnectionInfo of(HandshakeRequest request) {
        return fromHolder(request, "handshake request");
    }

    /**
     * The connection whose opening handshake the calling thread is deciding, or null: known to
     * every method of a server's configurator while Ondine calls it ({@code checkOrigin},
     * {@code getNegotiatedSubprotocol}, {@code getNegotiatedExtensions}, {@code modifyHandshake},
     * {@code getEndpointInstance}), which is the one way {@code checkOrigin} can see it.
     */
    static ConnectionInfo current() {
        return HandshakeConnection.current();
    }

    private static ConnectionInfo fromHolder(Object o, String what) {
        ConnectionInfo info = o instanceof Holder holder ? holder.connectionInfo() : null;
        if (info == null) {
            throw new IllegalArgumentException("not a " + what + " of an Ondine server: "
                    + (o == null ? "null" : o.getClass().getName()));
        }
        return info;
    }

    /**
     * The peer's address: an {@link java.net.InetSocketAddress} for TCP (its address is
     * resolved; no name lookup was made).
     */
    SocketAddress remoteAddress();

    /** The server's address of the connection (the interface and port the peer reached), or null if unknown. */
    SocketAddress localAddress();

    /** Whether the connection is over TLS ({@code wss://}). */
    boolean secure();

    /** The TLS protocol version ({@code TLSv1.3}, {@code TLSv1.2}), or null without TLS or when the container does not say. */
    String tlsProtocol();

    /** The TLS cipher suite, or null without TLS or when the container does not say. */
    String cipherSuite();

    /**
     * The certificate chain the client presented, its own certificate first; empty when it
     * presented none. On Ondine's standalone server the chain was verified against the
     * server's trust managers ({@link TlsConfig#withClientAuth}) before the HTTP request was
     * read; on a servlet container it is the container's {@code jakarta.servlet.request.X509Certificate}.
     */
    List<X509Certificate> peerCertificates();

    /** The subject of the client's certificate ({@link javax.security.auth.x500.X500Principal}), or null without one. */
    default Principal peerPrincipal() {
        List<X509Certificate> chain = peerCertificates();
        return chain.isEmpty() ? null : chain.get(0).getSubjectX500Principal();
    }

    /** Implemented by Ondine's server sessions and handshake requests: how {@code of(...)} finds their connection. */
    interface Holder {
        /** The connection, or null when there is none to tell of (a client session). */
        ConnectionInfo connectionInfo();
    }
}
