package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.jakarta.codec.MessageKind;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The receiving side of one session, as its message sinks use it. Handlers run on the
 * session's executor, never on the reading thread (Jakarta WebSocket 2.2 §5.1: calls for one
 * endpoint never overlap and keep message order); what is handed over counts in the session's
 * {@link ReadBacklog} until a handler has taken it, so that reading pauses while the endpoint
 * lags. The session is told when a handler fails, when a message has no handler, and when a
 * message is too big ({@link Owner}).
 */
public final class Inbox {

    /** What the session does for its inbox; called on the session's executor. */
    public interface Owner {
        /** A handler or a decoder threw: the endpoint's {@code onError} is told (§4.7, §5.1). */
        void handlerFailed(Throwable error);

        /** A message of {@code kind} arrived with no handler for it and is dropped. */
        void dropped(MessageKind kind);

        /** A message of {@code kind} is over the session's buffer size of {@code limit} bytes (§2.1.3: 1009). */
        void tooBig(MessageKind kind, long limit);

        /**
         * A message is about to be read through a stream, by a handler that reads while the
         * reading thread fills it: the session's callbacks must not run on the reading thread.
         */
        default void streamStarted() {
        }
    }

    private final Executor executor;
    private final ReadBacklog backlog;
    private final Owner owner;
    /** The last message read through a stream; if it is unfinished when the connection ends, its reader fails. */
    private volatile PieceQueue<?> stream;

    /**
     * @param executor the session's executor: one task at a time, in order
     * @param backlog  the session's count of bytes waiting for the endpoint
     * @param owner    the session
     */
    public Inbox(Executor executor, ReadBacklog backlog, Owner owner) {
        this.executor = executor;
        this.backlog = backlog;
        this.owner = owner;
    }

    /**
     * Hands {@code message} to {@code to} on the session's executor (from the reading thread),
     * counting {@code size} bytes in the backlog until {@code to} has returned.
     */
    public <T> void deliver(T message, long size, Consumer<? super T> to) {
        backlog.queued(size);
        executor.execute(() -> {
            try {
                to.accept(message);
            } finally {
                backlog.released(size);
            }
        });
    }

    /** The connection has ended: a stream handler still waiting for the rest of its message gets an IOException. */
    public void connectionEnded() {
        failUnfinished("The connection ended before the message did");
    }

    /**
     * The peer's close frame was read (from the reading thread): {@code answer}, which sends
     * the close frame in reply, runs on the session's executor after every message handed over
     * before it, so that the endpoint's replies to them leave first. A stream handler still
     * waiting for the rest of its message gets an IOException at once: after its close frame
     * the peer sends no more data frames (RFC 6455 §5.5.1).
     */
    public void closeFrameRead(Runnable answer) {
        failUnfinished("The peer closed the connection before the message ended");
        executor.execute(answer);
    }

    private void failUnfinished(String why) {
        PieceQueue<?> unfinished = stream;
        if (unfinished != null) {
            unfinished.fail(new IOException(why));
        }
    }

    /** Runs {@code task} on the session's executor, uncounted (a stream handler: its pieces count as they come). */
    void execute(Runnable task) {
        executor.execute(task);
    }

    ReadBacklog backlog() {
        return backlog;
    }

    /** A message is being read through a stream from now on (reading thread). */
    void streamStarted(PieceQueue<?> pieces) {
        owner.streamStarted();
        stream = pieces;
    }

    void handlerFailed(Throwable error) {
        owner.handlerFailed(error);
    }

    void dropped(MessageKind kind) {
        owner.dropped(kind);
    }

    void tooBig(MessageKind kind, long limit) {
        owner.tooBig(kind, limit);
    }
}
