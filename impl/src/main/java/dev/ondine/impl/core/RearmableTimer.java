package dev.ondine.impl.core;

import java.util.concurrent.TimeUnit;

/**
 * The one timer of a connection's part ({@link IdleTimeout}, {@link Keepalive},
 * {@link SlowConsumer}): one task, on the transport's timer, armed again as the part
 * decides. Not thread-safe: armed and disarmed under the connection's lock.
 */
final class RearmableTimer {
    private final Transport transport;
    private final Runnable task;
    private Transport.Cancellable pending;

    RearmableTimer(Transport transport, Runnable task) {
        this.transport = transport;
        this.task = task;
    }

    /** Runs the task in {@code delayMillis} (at least 1), instead of when it was due. */
    void arm(long delayMillis) {
        disarm();
        pending = transport.schedule(task, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
    }

    void disarm() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
