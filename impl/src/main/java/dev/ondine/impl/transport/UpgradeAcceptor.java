package dev.ondine.impl.transport;

import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;

import java.net.SocketAddress;

/**
 * The server's decision on a valid WebSocket upgrade request (RFC 6455 §4.2.2): which
 * listener takes the connection and what the 101 response says, or a refusal with an HTTP
 * status (404 for an unknown path, 403 for a refused origin, ...). Implemented by the layer
 * above the transports (the Jakarta server container, or a plain handler in samples and
 * tests); every transport asks it the same way.
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
}
