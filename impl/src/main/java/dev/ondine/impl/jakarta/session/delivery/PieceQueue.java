package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.function.ToLongFunction;

/**
 * The pieces of one incoming message on their way from the reading thread to a handler
 * that reads the message as a stream ({@code Reader} or {@code InputStream}, Jakarta
 * WebSocket 2.2 §4.7). The reading thread never waits: what the handler has not yet taken
 * is counted in the session's backlog, which pauses reading when it grows, and released as
 * the handler takes it (or when the handler returns without reading everything). The core
 * gives it the pieces directly: it is the {@link PartSink} of its message.
 */
final class PieceQueue<T> implements PartSink<T> {
    private final ArrayDeque<T> pieces = new ArrayDeque<>();
    private final ToLongFunction<T> sizeOf;
    private final ReadBacklog backlog;
    private boolean complete;
    private boolean abandoned;
    private IOException failure;

    PieceQueue(ToLongFunction<T> sizeOf, ReadBacklog backlog) {
        this.sizeOf = sizeOf;
        this.backlog = backlog;
    }

    /** A piece from the reading thread, counted in the backlog until it is read. */
    @Override
    public void part(T piece, boolean last) {
        backlog.queued(sizeOf.applyAsLong(piece));
        add(piece, last);
    }

    /** Adds a piece (from the reading thread); {@code last} ends the message. */
    void add(T piece, boolean last) {
        boolean drop;
        synchronized (this) {
            drop = abandoned;
            if (!drop) {
                pieces.addLast(piece);
            }
            if (last) {
                complete = true;
            }
            notifyAll();
        }
        if (drop) {
            backlog.released(sizeOf.applyAsLong(piece));
        }
    }

    /** The connection ended before the message did: the reader gets an IOException. */
    synchronized void fail(IOException cause) {
        if (!complete) {
            failure = cause;
            notifyAll();
        }
    }

    /** The next piece, waiting for it; null at the end of the message. */
    T take() throws IOException {
        T piece;
        synchronized (this) {
            while (pieces.isEmpty() && !complete && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for the rest of the message");
                }
            }
            piece = pieces.pollFirst();
            if (piece == null) {
                if (failure != null && !complete) {
                    throw failure;
                }
                return null;
            }
        }
        backlog.released(sizeOf.applyAsLong(piece));
        return piece;
    }

    /** The handler is done with the message: drop and release what it did not read. */
    void abandon() {
        long size = 0;
        synchronized (this) {
            abandoned = true;
            for (T piece : pieces) {
                size += sizeOf.applyAsLong(piece);
            }
            pieces.clear();
        }
        if (size > 0) {
            backlog.released(size);
        }
    }
}
