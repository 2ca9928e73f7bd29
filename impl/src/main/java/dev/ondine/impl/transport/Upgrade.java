package dev.ondine.impl.transport;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionLimits;
import dev.ondine.impl.core.ConnectionMetrics;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.protocol.handshake.HttpHeaders;

import java.util.Objects;

/**
 * An accepted upgrade: the listener that takes the connection, the limits it runs under,
 * what the 101 response carries beyond the RFC's own headers, and the extension the
 * connection runs with. A transport hands {@code listener}, {@link #connectionLimits()} and
 * {@code deflate} to the {@link WebSocketConnection} it creates, without looking inside. A client's transport gets one too, from the layer above, once the
 * server's response has been checked (only the listener, limits and extension matter there).
 *
 * @param listener receives the connection's messages
 * @param limits the limits of this connection
 * @param subprotocol the chosen subprotocol, or null (RFC 6455 §4.2.2 /subprotocol/)
 * @param extensions the {@code Sec-WebSocket-Extensions} response value, or null
 * @param extraHeaders more response headers (for example from a configurator), or null
 * @param deflate the permessage-deflate codec agreed on (RFC 7692), or null
 * @param metrics where the connection reports its traffic (the endpoint's tallies);
 *        {@link ConnectionMetrics#NOOP} when null
 */
public record Upgrade(ConnectionListener listener, Limits limits, String subprotocol, String extensions,
                      HttpHeaders extraHeaders, PerMessageDeflate deflate, ConnectionMetrics metrics) {

    public Upgrade {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(limits, "limits");
        if (metrics == null) {
            metrics = ConnectionMetrics.NOOP;
        }
    }

    /** The connection this upgrade starts, on {@code transport}: the one place a transport creates it. */
    public WebSocketConnection newConnection(Role role, Transport transport, MaskKeySource maskKeys) {
        return new WebSocketConnection(role, transport, listener, connectionLimits(), maskKeys, deflate, metrics);
    }

    /**
     * This upgrade with what the 101 response carries beyond the RFC's own headers: the
     * subprotocol, the {@code Sec-WebSocket-Extensions} value and more headers (each may be null).
     */
    public Upgrade withResponse(String chosenSubprotocol, String extensionsHeader, HttpHeaders headers) {
        return new Upgrade(listener, limits, chosenSubprotocol, extensionsHeader, headers, deflate, metrics);
    }

    /** This upgrade running permessage-deflate with {@code codec} (RFC 7692), or without it for null. */
    public Upgrade withDeflate(PerMessageDeflate codec) {
        return new Upgrade(listener, limits, subprotocol, extensions, extraHeaders, codec, metrics);
    }

    /** This upgrade with another listener (one that wraps this one's, for example). */
    public Upgrade withListener(ConnectionListener other) {
        return new Upgrade(other, limits, subprotocol, extensions, extraHeaders, deflate, metrics);
    }

    /** This upgrade reporting its connection's traffic to {@code sink}. */
    public Upgrade withMetrics(ConnectionMetrics sink) {
        return new Upgrade(listener, limits, subprotocol, extensions, extraHeaders, deflate, sink);
    }

    /**
     * The limits the connection runs under, as the core takes them: the one place where the
     * configured {@link Limits} become a {@link ConnectionLimits}.
     */
    public ConnectionLimits connectionLimits() {
        return connectionLimits(limits);
    }

    /** {@code limits} as the core takes them. */
    public static ConnectionLimits connectionLimits(Limits limits) {
        return new ConnectionLimits(limits.maxFramePayloadBytes(), limits.maxTextMessageBytes(),
                limits.maxBinaryMessageBytes(), limits.maxDecompressedMessageBytes(), limits.maxOutgoingQueueBytes(),
                limits.maxControlFramesPerSecond(), limits.closeTimeoutMillis(), limits.idleTimeoutMillis(),
                limits.pingIntervalMillis(), limits.pongTimeoutMillis(), limits.slowConsumerCloseMillis(),
                limits.deflateReleaseMillis());
    }

    /** An upgrade with no subprotocol, no extension and no extra header. */
    public static Upgrade of(ConnectionListener listener, Limits limits) {
        return new Upgrade(listener, limits, null, null, null, null, null);
    }
}
