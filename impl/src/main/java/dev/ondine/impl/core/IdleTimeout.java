package dev.ondine.impl.core;

import java.util.concurrent.TimeUnit;

/**
 * The idle timeout: when a frame last arrived or a data frame was last sent (Jakarta
 * WebSocket 2.2, {@code Session.setMaxIdleTimeout}: idle means neither), and the one timer
 * that checks it. Activity is a volatile write, free of locks on the message path; the
 * timer is armed and disarmed under the connection's lock.
 */
final class IdleTimeout {
    private final Transport transport;
    private volatile long timeoutMillis;
    private volatile long lastActivityNanos;
    private Transport.Cancellable timer;

    IdleTimeout(Transport transport, long timeoutMillis) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    void setTimeoutMillis(long millis) {
        timeoutMillis = millis;
    }

    /** Something was read or sent now. */
    void touch() {
        lastActivityNanos = transport.nanoTime();
    }

    /**
     * Milliseconds until the connection counts as idle: 0 when it is already, -1 when there
     * is no timeout.
     */
    long remainingMillis() {
        long timeout = timeoutMillis;
        if (timeout <= 0) {
            return -1;
        }
        long idle = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - lastActivityNanos);
        return Math.max(0, timeout - idle);
    }

    /** Arms the timer to run {@code check} in {@code delayMillis}; under the connection's lock. */
    void arm(Runnable check, long delayMillis) {
        timer = transport.schedule(check, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Disarms the timer; under the connection's lock. */
    void disarm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
