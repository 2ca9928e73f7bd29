package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;
import jakarta.websocket.MessageHandler;

import java.io.Closeable;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code MessageHandler.Whole<Reader>} and {@code Whole<InputStream>}: the message as a
 * stream the handler reads while the rest of it arrives (Jakarta WebSocket 2.2 §2.1.3, §4.7:
 * blocking streams for text and binary messages). The handler is called on the session's
 * executor as the message begins; its pieces wait in a {@link PieceQueue}, counted in the
 * backlog until read, so the reading thread never waits for the handler. A message that
 * reached the session whole (the handler was added after its first frame, or the message
 * arrived before {@code onOpen} returned) is read from memory.
 *
 * @param <T> {@code String} for a {@code Reader}, {@code ByteBuffer} for an {@code InputStream}
 */
final class StreamSink<T> extends MessageSink<T> {
    private final ToLongFunction<T> size;
    private final Function<T, ? extends Closeable> fromWhole;
    private final Function<PieceQueue<T>, ? extends Closeable> fromPieces;

    /**
     * @param size       the bytes a piece counts in the backlog
     * @param fromWhole  the stream over a whole message
     * @param fromPieces the stream over a message's pieces as they come
     */
    StreamSink(MessageHandler handler, Inbox inbox, ToLongFunction<T> size,
               Function<T, ? extends Closeable> fromWhole, Function<PieceQueue<T>, ? extends Closeable> fromPieces) {
        super(handler, inbox);
        this.size = size;
        this.fromWhole = fromWhole;
        this.fromPieces = fromPieces;
    }

    @Override
    public void whole(T message) {
        invokeWhole(fromWhole.apply(message));
    }

    @Override
    public PartSink<T> pieces() {
        PieceQueue<T> pieces = new PieceQueue<>(size, inbox.backlog());
        inbox.streamStarted(pieces);
        inbox.execute(() -> read(pieces));
        return pieces;
    }

    /** The handler reads the stream; what it leaves unread when it returns is dropped. */
    private void read(PieceQueue<T> pieces) {
        try {
            invokeWhole(fromPieces.apply(pieces));
        } finally {
            pieces.abandon();
        }
    }
}
