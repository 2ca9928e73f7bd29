package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;

import java.util.concurrent.TimeUnit;

/**
 * The opt-in slow-consumer policy ({@link ConnectionLimits#slowConsumerCloseMillis()}; the
 * connection has one of these only when it is set): a peer that leaves the outgoing queue
 * over its limit (reading from it suspended for {@link ReadPause#OUTGOING}) for that long
 * is closed with 1008, policy violation (RFC 6455 §7.4.1: "a message that violates its
 * policy", the generic code "if there is a need to hide specific details about the policy"),
 * instead of staying paused for ever. The close frame queues behind what the peer has not
 * read; the close timeout then ends the TCP connection if it never reads it.
 *
 * <p>Armed when the pause begins and disarmed when it lifts, under the connection's lock.
 */
final class SlowConsumer {
    private final WebSocketConnection connection;
    private final Transport transport;
    private final long closeMillis;

    // Guarded by the connection's lock.
    private final RearmableTimer timer;
    /** When the queue became full, or -1 while it is not. */
    private long fullSinceNanos = -1;

    SlowConsumer(WebSocketConnection connection, Transport transport, long closeMillis) {
        this.connection = connection;
        this.transport = transport;
        this.closeMillis = closeMillis;
        this.timer = new RearmableTimer(transport, this::check);
    }

    /** The policy for {@code connection} under {@code limits}, or null when they leave it off. */
    static SlowConsumer of(WebSocketConnection connection, Transport transport, ConnectionLimits limits) {
        return limits.slowConsumerCloseMillis() <= 0 ? null
                : new SlowConsumer(connection, transport, limits.slowConsumerCloseMillis());
    }

    /** Reading paused because the outgoing queue is full: start counting, unless already. */
    void queueFull() {
        if (fullSinceNanos == -1) {
            fullSinceNanos = transport.nanoTime();
            timer.arm(closeMillis);
        }
    }

    /** The peer has taken half of the queue (or the connection ended): stop counting. */
    void queueDrained() {
        fullSinceNanos = -1;
        timer.disarm();
    }

    /** The timer ran; a timer that lost a race with {@link #queueDrained()} finds nothing to do. */
    private void check() {
        long fullMillis;
        synchronized (connection) {
            if (fullSinceNanos == -1) {
                return;
            }
            fullMillis = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - fullSinceNanos);
            if (fullMillis < closeMillis) {
                timer.arm(closeMillis - fullMillis); // a new pause began after the one this timer was for
                return;
            }
            queueDrained();
        }
        closeSlowConsumer(fullMillis);
    }

    /** The event "slow consumer closed": 1008 to the peer and to the local endpoint. */
    private void closeSlowConsumer(long fullMillis) {
        connection.close(CloseCodes.POLICY_VIOLATION, "Slow consumer: output unread for " + fullMillis + " ms");
    }
}
