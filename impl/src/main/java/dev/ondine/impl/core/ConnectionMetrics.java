package dev.ondine.impl.core;

/**
 * What a {@link WebSocketConnection} reports of its life and traffic, for the counters kept
 * above the core (the Jakarta layer's per-endpoint tallies): the core calls it at the few
 * points that matter and keeps no figure itself. {@link #NOOP} by default.
 *
 * <p>Calls come from the thread that does the work: the reading thread (bytes read, messages
 * received, protocol errors, opened), the sending threads (messages sent, bytes written), the
 * thread that ends the connection (closed). One instance usually serves every connection of
 * an endpoint, so implementations are thread-safe, cheap (a {@code LongAdder} increment, no
 * allocation, no lock) and never throw. Gauges that look at the connections themselves (the
 * outgoing queue's bytes, why reading is paused) are read from the connection when asked for
 * ({@link WebSocketConnection#queuedBytes()}, {@link WebSocketConnection#readPauseReasons()}),
 * not reported here.
 */
public interface ConnectionMetrics {

    /** Reports nothing. */
    ConnectionMetrics NOOP = new ConnectionMetrics() {
    };

    /** The connection has started (the handshake is done): once, before the listener's onOpen. */
    default void opened() {
    }

    /** The connection has ended with {@code code}, as its listener is told: once, after {@link #opened()}. */
    default void closed(int code) {
    }

    /** {@code bytes} arrived from the transport (frames on the wire, TLS removed). */
    default void bytesRead(int bytes) {
    }

    /** The transport took {@code bytes} of frames. */
    default void bytesWritten(long bytes) {
    }

    /**
     * {@code count} whole messages of {@code type} arrived in one read, {@code payloadBytes}
     * long in all (decompressed), whether delivered whole or in parts: told once per read
     * rather than per message, so that a read of many pipelined messages costs one update.
     */
    default void messagesReceived(MessageType type, int count, long payloadBytes) {
    }

    /**
     * {@code count} messages of {@code type} were sent, {@code payloadBytes} long in all
     * (before compression): told when they are queued to be written now (or, for held ones,
     * when what was held is written out), rather than once per message.
     */
    default void messagesSent(MessageType type, int count, long payloadBytes) {
    }

    /** The peer broke the protocol and the connection fails with {@code closeCode} (RFC 6455 §7.1.7). */
    default void protocolError(int closeCode) {
    }

    /** A keepalive ping was sent (for the container's pings; the core sends none by itself). */
    default void pingSent() {
    }

    /** A keepalive ping was not answered in time (for the container's pings). */
    default void pongLate() {
    }

    /**
     * A message shared with other connections (a broadcast) was offered to this one, with
     * {@code outcome}: queued (then also counted by {@link #messagesSent}) or missed.
     */
    default void sharedMessage(SharedDelivery outcome) {
    }
}
