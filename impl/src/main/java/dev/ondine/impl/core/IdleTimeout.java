package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;

import java.util.concurrent.TimeUnit;

/**
 * The idle timeout: when a frame last arrived or a data frame was last sent (Jakarta
 * WebSocket 2.2, {@code Session.setMaxIdleTimeout}: idle means neither), and the one timer
 * that checks it. Activity is a volatile write, free of locks on the message path; the
 * timer is armed and disarmed under the connection's lock. An idle connection is closed
 * with 1001 to the peer and 1006 to the local endpoint (§2.1.5).
 */
final class IdleTimeout {
    private final WebSocketConnection connection;
    private final Transport transport;
    private volatile long timeoutMillis;
    private volatile long lastActivityNanos;
    private final RearmableTimer timer;

    IdleTimeout(WebSocketConnection connection, Transport transport, long timeoutMillis) {
        this.connection = connection;
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.timer = new RearmableTimer(transport, this::check);
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Counts the idle time from now, and starts the timer if there is a timeout. */
    void start() {
        touch();
        schedule(timeoutMillis);
    }

    /** A new timeout (0: none), counted from the last activity. */
    void setTimeoutMillis(long millis) {
        timeoutMillis = millis;
        synchronized (connection) {
            disarm();
        }
        schedule(millis);
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

    /** Disarms the timer; under the connection's lock. */
    void disarm() {
        timer.disarm();
    }

    private void schedule(long delayMillis) {
        if (delayMillis <= 0) {
            return;
        }
        synchronized (connection) {
            if (connection.isOpen()) {
                timer.arm(delayMillis);
            }
        }
    }

    private void check() {
        long remaining = remainingMillis();
        if (remaining == 0) {
            // The peer is told 1001 (going away); the local endpoint 1006 (Jakarta WebSocket 2.2
            // §2.1.5: a session the local container timed out closes with 1006 for its onClose).
            connection.close(CloseCodes.GOING_AWAY, "Idle timeout", CloseCodes.ABNORMAL);
        } else if (remaining > 0) {
            schedule(remaining);
        }
    }
}
