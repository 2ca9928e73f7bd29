package dev.ondine.impl.core;

/**
 * When queued frames are written: the one write policy of a connection.
 *
 * <ul>
 *   <li><b>Replies made while reading</b> wait for the end of that read and leave together,
 *       in one gathering write, whatever their kind.</li>
 *   <li><b>Batching</b> (Jakarta WebSocket 2.2 §2.1.4, {@code setBatchingAllowed}): the
 *       application allows frames to be held until {@code flushBatch}; a close is not held.
 *       "Send operations are considered to have completed if the message has been written
 *       to the local batch": a blocking sender returns while the batch holds less than
 *       {@value #BATCH_BYTES} bytes (see {@link WebSocketConnection#completesInBatch()}).</li>
 *   <li><b>Corking</b>, the container's own batching: while a session has more received
 *       messages waiting behind the one being handled, the replies of blocking senders are
 *       held and leave in one write when the last one is handled. Frames whose completion
 *       the corking task may itself wait for (asynchronous sends, heartbeats) are not held.</li>
 * </ul>
 *
 * <p>Not thread-safe: the connection calls it under its own lock.
 */
final class WritePolicy {
    /** Bytes a batch may hold before a blocking send writes it out and waits for it. */
    static final long BATCH_BYTES = 64 * 1024;

    private boolean batching;
    private boolean corked;

    /** Whether a frame of {@code kind} just queued is written now. */
    boolean writesNow(SendKind kind, boolean onReadingThread) {
        if (onReadingThread) {
            return false; // written at the end of the read
        }
        return switch (kind) {
            case CLOSE -> true;
            case ASYNCHRONOUS, HEARTBEAT -> !batching;
            case BLOCKING -> !batching && !corked;
        };
    }

    /** Whether frames are being held back now, by batching or corking. */
    boolean holdsWrites() {
        return batching || corked;
    }

    boolean isBatching() {
        return batching;
    }

    /** Sets batching; returns whether what is queued must be written now (batching ended). */
    boolean setBatching(boolean on) {
        batching = on;
        return !on;
    }

    /** Sets corking; returns whether what is queued must be written now (a cork was pulled). */
    boolean setCorked(boolean on) {
        boolean pulled = corked && !on;
        corked = on;
        return pulled;
    }
}
