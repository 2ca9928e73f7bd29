package dev.ondine.impl.transport;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;

import java.net.SocketAddress;

/**
 * The server's decision on a valid WebSocket upgrade request (RFC 6455 §4.2.2): which
 * listener takes the connection and what the 101 response says, or a refusal with an HTTP
 * status (404 for an unknown path, 403 for a refused origin, ...). Implemented by the layer
 * above the transports (the Jakarta server container, or a plain handler in samples and
 * tests); every transport asks it the same way, with {@link #accept(WebSocketUpgradeRequest,
 * ConnectionInfo)}. A plain handler may implement the short form (the peer's address and
 * whether TLS is on), as a lambda; the Jakarta server container takes the whole connection.
 */
@FunctionalInterface
public interface UpgradeAcceptor {

    /**
     * Decides on {@code request}, which has already passed the RFC's checks.
     *
     * @param remote the peer's address
     * @param secure whether the request came over TLS
     * @throws HandshakeException to refuse, with the status and headers of the answer
     */
    Upgrade accept(WebSocketUpgradeRequest request, SocketAddress remote, boolean secure) throws HandshakeException;

    /**
     * The transport refused a request before it reached {@link #accept}: not a valid upgrade
     * request (RFC 6455 §4.2.1: 400, or 426 for another version), a head too large, no request
     * in time (408), or the server stopping (503). For the handshake figures; must not block.
     */
    default void refusedBeforeAccept(int status) {
    }

    /**
     * Decides on {@code request}, which came on {@code connection} (its addresses, and over
     * TLS its protocol, cipher suite and client certificates); what the transports call.
     * By default the short form, with the peer's address and whether TLS is on.
     *
     * @throws HandshakeException to refuse, with the status and headers of the answer
     */
    default Upgrade accept(WebSocketUpgradeRequest request, ConnectionInfo connection) throws HandshakeException {
        return accept(request, connection.remoteAddress(), connection.secure());
    }
}
