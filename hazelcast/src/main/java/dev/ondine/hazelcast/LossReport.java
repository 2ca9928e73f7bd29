package dev.ondine.hazelcast;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says in the log that this node lost messages from the other nodes: at most one line per
 * interval, with what was lost since the last line. (The count itself goes to
 * {@link dev.ondine.api.broadcast.LocalGroups#lost}, which counts it in the metrics.)
 */
final class LossReport {
    private static final Logger LOG = Logger.getLogger(LossReport.class.getName());

    private final long intervalNanos;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

    LossReport(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    void lost(String group, long count) {
        total.addAndGet(count);
        long pending = unreported.addAndGet(count);
        long now = System.nanoTime();
        long due = nextLine.get();
        if (now - due >= 0 && nextLine.compareAndSet(due, now + intervalNanos)) {
            unreported.addAndGet(-pending);
            LOG.log(Level.WARNING, "This node fell behind the cluster and lost " + pending
                    + " message(s) published on other nodes (last in group " + group + "; " + total.get()
                    + " in all): its readers were slower than the ring buffers' capacity allows");
        }
    }

    /** Messages lost since this relay started. */
    long total() {
        return total.get();
    }
}
