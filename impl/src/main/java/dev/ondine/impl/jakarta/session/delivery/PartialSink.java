package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;
import jakarta.websocket.MessageHandler;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code MessageHandler.Partial<String>}, {@code Partial<ByteBuffer>} and
 * {@code Partial<byte[]>}: each piece as it arrives, {@code last} set on the last one
 * (Jakarta WebSocket 2.2 §2.1.3, RFC 6455 §5.4). Every piece goes to the session's executor
 * on its own, counted in the backlog until the handler has returned. A message that reached
 * the session whole (the handler was added after its first frame) is a single last piece.
 *
 * @param <T> {@code String} for text, {@code ByteBuffer} for binary
 */
final class PartialSink<T> extends MessageSink<T> implements PartSink<T> {
    private final ToLongFunction<T> size;
    private final Function<T, ?> form;
    private final Consumer<T> middle = piece -> piece(piece, false);
    private final Consumer<T> end = piece -> piece(piece, true);

    /**
     * @param size the bytes a piece counts in the backlog
     * @param form what the handler receives for a piece (itself, or a copy as {@code byte[]})
     */
    PartialSink(MessageHandler handler, Inbox inbox, ToLongFunction<T> size, Function<T, ?> form) {
        super(handler, inbox);
        this.size = size;
        this.form = form;
    }

    @Override
    public PartSink<T> pieces() {
        return this;
    }

    /** A piece from the reading thread, handed on to the session's executor. */
    @Override
    public void part(T piece, boolean last) {
        inbox.deliver(piece, size.applyAsLong(piece), last ? end : middle);
    }

    @Override
    public void whole(T message) {
        piece(message, true);
    }

    /** Calls the handler with one piece, on the session's executor. */
    @SuppressWarnings("unchecked")
    void piece(T piece, boolean last) {
        Object message = form.apply(piece);
        try {
            ((MessageHandler.Partial<Object>) handler()).onMessage(message, last);
        } catch (Throwable t) {
            inbox.handlerFailed(t);
        }
    }
}
