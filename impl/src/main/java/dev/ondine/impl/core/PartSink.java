package dev.ondine.impl.core;

/**
 * Where the pieces of one message go when the listener takes it in pieces rather than whole
 * (RFC 6455 §5.4: a message may arrive in fragments, and a receiver may act on them as they
 * come). The listener gives it at the message's first frame ({@link ConnectionListener#textParts},
 * {@link ConnectionListener#binaryParts}) and the core hands it every piece of that message,
 * in order, on the reading thread, whatever the listener decides for later messages.
 *
 * @param <T> {@code String} for text (pieces never split a character), {@code ByteBuffer}
 *            for binary (each piece a copy that belongs to the sink)
 */
@FunctionalInterface
public interface PartSink<T> {

    /** The next piece; the last one has {@code last} set (it may be empty). */
    void part(T piece, boolean last);
}
