package dev.ondine.impl.core;

import java.nio.ByteBuffer;

/**
 * What a {@link WebSocketConnection} tells the layer above it (the Jakarta layer, or a
 * plain handler in tests and samples). Calls for one connection never overlap: they come
 * in order from the thread that reads the connection, except {@link #onClose} which may come
 * from the thread that ended the connection.
 *
 * <p>Buffers passed to the binary methods and binary part sinks belong to the listener (they
 * are copies, not views of the read buffer); payloads of ping and pong are valid only during
 * the call.
 */
public interface ConnectionListener {

    /** The connection is open; the opening handshake is complete. */
    default void onOpen(WebSocketConnection connection) {
    }

    /**
     * Asked once, at the first frame of each text message: where the message's pieces go as
     * they arrive, or null to receive it whole through {@link #onText} (assembled by the core,
     * bounded by the text message limit). The pieces of that message all go to the sink
     * returned here; pieces never split a character, and the last piece has {@code last} set
     * (it may be empty).
     */
    default PartSink<String> textParts() {
        return null;
    }

    /** A whole text message, valid UTF-8 (RFC 6455 §5.6, §8.1). */
    default void onText(String message) {
    }

    /** Where a binary message's pieces go, or null to receive it whole; see {@link #textParts()}. */
    default PartSink<ByteBuffer> binaryParts() {
        return null;
    }

    /** A whole binary message. */
    default void onBinary(ByteBuffer message) {
    }

    /** A ping arrived; the core has already queued the pong (RFC 6455 §5.5.2). */
    default void onPing(ByteBuffer payload) {
    }

    /** A pong arrived (solicited or not, §5.5.3). */
    default void onPong(ByteBuffer payload) {
    }

    /**
     * The peer's close frame was read and this side has not sent one (RFC 6455 §5.5.1): the
     * connection reads nothing more, and {@code answer} queues the close frame that replies.
     * A listener that hands messages to another thread runs it once the messages read before
     * the close have been handled, so that what they send in reply goes out before the close
     * (§5.5.1 lets an endpoint delay its close frame until the message it is sending is sent,
     * and requires none after it). The core runs it itself after the close timeout if the
     * listener has not; running it twice does nothing. By default: at once.
     */
    default void onCloseFrame(Runnable answer) {
        answer.run();
    }

    /**
     * Something went wrong: a protocol violation by the peer (the connection is being
     * failed with its close code), an I/O error, or an exception thrown by this listener.
     * {@link #onClose} follows.
     */
    default void onError(Throwable error) {
    }

    /**
     * The connection has ended, exactly once. {@code code} is the status of the closing
     * handshake (RFC 6455 §7.1.5): the peer's code when it closed, the code this side sent
     * when it failed the connection, 1005 when a close frame had no status, and 1006 when
     * the connection ended without a close frame (§7.1.5, §7.4.1).
     */
    default void onClose(int code, String reason) {
    }
}
