package dev.ondine.impl.jakarta.session.delivery;

import java.util.function.BooleanSupplier;

/**
 * The bytes a session has read but its endpoint has not yet taken, and the read pause they
 * cause: past {@code limit} reading pauses, at half of it again it resumes. The count, the
 * paused state and the calls that pause and resume change together under one lock, so that
 * the calls alternate in the order of the counts that caused them. (With a bare atomic count,
 * a release on the endpoint's thread could slip between the reading thread's count and its
 * pause, resume first, and leave reading paused with nothing left to release.)
 */
public final class ReadBacklog {
    private final long limit;
    private final BooleanSupplier pause;
    private final Runnable resume;
    private long bytes;
    private boolean paused;

    /**
     * @param pause  pauses reading; false when it cannot yet (no connection), in which case the
     *               next count past the limit tries again
     * @param resume resumes reading after a pause
     */
    public ReadBacklog(long limit, BooleanSupplier pause, Runnable resume) {
        this.limit = limit;
        this.pause = pause;
        this.resume = resume;
    }

    synchronized void queued(long n) {
        bytes += n;
        if (!paused && bytes > limit) {
            paused = pause.getAsBoolean();
        }
    }

    synchronized void released(long n) {
        bytes -= n;
        if (paused && bytes <= limit / 2) {
            paused = false;
            resume.run();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    synchronized boolean paused() {
        return paused;
    }
}
