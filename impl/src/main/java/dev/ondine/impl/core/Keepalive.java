package dev.ondine.impl.core;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Keepalive pings (off unless {@link ConnectionLimits#pingIntervalMillis()} is set; the
 * connection then has one of these): after an interval in which nothing was read from the
 * peer, a ping (RFC 6455 §5.5.2); if nothing at all is read within the pong timeout after
 * it, the peer is presumed gone and the transport is ended without a closing handshake
 * (the listener is told 1006).
 *
 * <p>Pings go out on inbound silence only, so a busy connection costs one volatile write
 * per read and never pings. Anything read counts as a sign of life: the pong (the one
 * answering our ping, or an unsolicited one, §5.5.3) and any other frame or part of one,
 * since a peer whose bytes arrive is not gone. While reading is suspended (the peer leaves
 * our output unread, or the layer above has a backlog) nothing can be heard, so the check
 * waits for another interval rather than ping or blame the peer.
 *
 * <p>{@link #heard()} is called by the reading thread; the timer is armed, checked and
 * disarmed under the connection's lock, and what a check decides (ping, end) is done after it.
 */
final class Keepalive {
    private final WebSocketConnection connection;
    private final Transport transport;
    private final long intervalMillis;
    private final long pongTimeoutMillis;
    private volatile long lastHeardNanos;

    // Guarded by the connection's lock.
    private final RearmableTimer timer;
    private boolean stopped;
    /** When our last ping was queued, if it is not yet answered; else -1. */
    private long pingSentNanos = -1;

    Keepalive(WebSocketConnection connection, Transport transport, long intervalMillis, long pongTimeoutMillis) {
        this.connection = connection;
        this.transport = transport;
        this.intervalMillis = intervalMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
        this.timer = new RearmableTimer(transport, this::check);
    }

    /** The keepalive of {@code connection} under {@code limits}, or null when they set no ping interval. */
    static Keepalive of(WebSocketConnection connection, Transport transport, ConnectionLimits limits) {
        return limits.pingIntervalMillis() <= 0 ? null
                : new Keepalive(connection, transport, limits.pingIntervalMillis(), limits.pongTimeoutMillis());
    }

    /** Something was read from the peer now; on the reading thread. */
    void heard() {
        lastHeardNanos = transport.nanoTime();
    }

    /** Starts counting the silence from now; under the connection's lock. */
    void start() {
        heard();
        timer.arm(intervalMillis);
    }

    /** No more pings or checks; under the connection's lock. */
    void stop() {
        stopped = true;
        timer.disarm();
    }

    /** The timer ran: answered? silent for an interval? */
    private void check() {
        boolean ping = false;
        boolean late = false;
        synchronized (connection) {
            if (stopped) {
                return;
            }
            long now = transport.nanoTime();
            boolean readingPaused = connection.readPauseReasons() != 0;
            if (pingSentNanos != -1 && lastHeardNanos - pingSentNanos < 0 && !readingPaused) {
                stopped = true;
                late = true;
            } else {
                pingSentNanos = -1;
                long silentMillis = TimeUnit.NANOSECONDS.toMillis(now - lastHeardNanos);
                if (readingPaused) {
                    timer.arm(intervalMillis); // nothing can be heard now: not the peer's silence
                } else if (silentMillis >= intervalMillis) {
                    ping = true;
                    pingSentNanos = now;
                    timer.arm(pongTimeoutMillis);
                } else {
                    timer.arm(intervalMillis - silentMillis);
                }
            }
        }
        if (ping) {
            pingSent();
        } else if (late) {
            pongLate();
        }
    }

    /** The event "keepalive ping sent": queue the ping (§5.5.2), count it. */
    private void pingSent() {
        connection.sendPing(ByteBuffer.allocate(0), SendCallback.NOOP);
        connection.metrics().pingSent();
    }

    /** The event "pong late": nothing heard within the pong timeout; the peer is presumed gone. */
    private void pongLate() {
        try {
            connection.metrics().pongLate();
        } finally {
            connection.abort("No pong within " + pongTimeoutMillis + " ms of a keepalive ping");
        }
    }
}
