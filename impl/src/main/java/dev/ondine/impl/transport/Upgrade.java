package dev.ondine.impl.transport;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.protocol.handshake.HttpHeaders;

import java.util.Objects;

/**
 * An accepted upgrade: the listener that takes the connection, the limits it runs under,
 * and what the 101 response carries beyond the RFC's own headers.
 *
 * @param listener receives the connection's messages
 * @param limits the limits of this connection
 * @param subprotocol the chosen subprotocol, or null (RFC 6455 §4.2.2 /subprotocol/)
 * @param extensions the {@code Sec-WebSocket-Extensions} response value, or null
 * @param extraHeaders more response headers (for example from a configurator), or null
 */
public record Upgrade(ConnectionListener listener, Limits limits, String subprotocol, String extensions,
                      HttpHeaders extraHeaders) {

    public Upgrade {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(limits, "limits");
    }

    /** An upgrade with no subprotocol, no extension and no extra header. */
    public static Upgrade of(ConnectionListener listener, Limits limits) {
        return new Upgrade(listener, limits, null, null, null);
    }
}
