package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Where the pieces of a message go when its first frame arrives before the endpoint's
 * {@code onOpen} returned (the session gives this sink to the core instead of a handler's,
 * see {@link EarlyMessage} for why). Each piece is handed to the session's executor, counted
 * in the backlog, and sorted there, after {@code onOpen}, into the {@link EarlyMessage} it
 * belongs to. One per session and kind.
 *
 * @param <T> {@code String} for text, {@code ByteBuffer} for binary
 */
public final class EarlySink<T> implements PartSink<T> {
    private final Inbox inbox;
    private final ToLongFunction<T> size;
    private final Supplier<EarlyMessage<T>> start;
    private final Consumer<T> middle = piece -> sort(piece, false);
    private final Consumer<T> end = piece -> sort(piece, true);
    /** The message being sorted (session's executor only). */
    private EarlyMessage<T> current;

    private EarlySink(Inbox inbox, ToLongFunction<T> size, Supplier<EarlyMessage<T>> start) {
        this.inbox = inbox;
        this.size = size;
        this.start = start;
    }

    /**
     * @param handler the text handler's sink as registered when asked (on the executor), or null
     * @param limit   the session's text buffer size when asked
     */
    public static EarlySink<String> text(Inbox inbox, Supplier<MessageSink<String>> handler, LongSupplier limit) {
        return new EarlySink<>(inbox, String::length,
                () -> EarlyMessage.text(inbox, handler.get(), limit.getAsLong()));
    }

    /** See {@link #text}. */
    public static EarlySink<ByteBuffer> binary(Inbox inbox, Supplier<MessageSink<ByteBuffer>> handler, LongSupplier limit) {
        return new EarlySink<>(inbox, ByteBuffer::remaining,
                () -> EarlyMessage.binary(inbox, handler.get(), limit.getAsLong()));
    }

    /** A piece from the reading thread. */
    @Override
    public void part(T piece, boolean last) {
        inbox.deliver(piece, size.applyAsLong(piece), last ? end : middle);
    }

    private void sort(T piece, boolean last) {
        if (current == null) {
            current = start.get();
        }
        EarlyMessage<T> message = current;
        if (last) {
            current = null;
        }
        message.take(piece, last);
    }
}
