package dev.ondine.impl.core;

import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a connection's permessage-deflate codec gives zlib's memory back (about 300 KiB
 * outside the heap while held, see {@link PerMessageDeflate}): once nothing has been
 * compressed or decompressed for {@code delayMillis}. Rebuilding costs far more than keeping
 * (a deflater with a full 16 KiB dictionary: tens of microseconds, against about one for a
 * small message), so a busy connection keeps its codec and an idle one holds only its
 * histories on the heap.
 *
 * <ul>
 *   <li>{@code delayMillis > 0}: one timer on the transport, armed at the first use after
 *       a release and re-armed for the rest of the delay while messages flow; a message costs
 *       one volatile write.</li>
 *   <li>{@code 0}: released at the end of every message (least memory, most rebuilding).</li>
 *   <li>{@code < 0}: kept for the connection's life.</li>
 * </ul>
 * Thread-safe: messages are sent under the connection's lock and received on the reading
 * thread; the timer runs on the transport's timer thread; the codec locks each direction.
 */
final class DeflateRelease {
    private final PerMessageDeflate deflate;
    private final Transport transport;
    private final long delayMillis;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile long lastUseNanos;
    private volatile boolean stopped;

    DeflateRelease(PerMessageDeflate deflate, Transport transport, long delayMillis) {
        this.deflate = deflate;
        this.transport = transport;
        this.delayMillis = delayMillis;
        if (delayMillis < 0) {
            deflate.neverReleased(); // then it keeps no history either
        }
    }

    /** The codec whose memory this releases. */
    PerMessageDeflate codec() {
        return deflate;
    }

    /** A compressed message was sent or received in full (or a part of one). */
    void used() {
        if (delayMillis > 0) {
            lastUseNanos = transport.nanoTime();
            if (!armed.get() && armed.compareAndSet(false, true)) {
                transport.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
            }
        } else if (delayMillis == 0) {
            deflate.releaseIdle(); // a direction in the middle of a message keeps its state
        }
    }

    /** The connection has closed: the codec is ended elsewhere, the timer does nothing more. */
    void stop() {
        stopped = true;
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - lastUseNanos);
        if (idleMillis < delayMillis) {
            transport.schedule(this::check, delayMillis - idleMillis, TimeUnit.MILLISECONDS);
            return;
        }
        // Disarmed before releasing: a message racing with the release re-arms the timer, so
        // a codec it rebuilds is not left held until the message after.
        armed.set(false);
        if (deflate.releaseIdle() && armed.compareAndSet(false, true)) {
            transport.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS); // in a message: later
        }
    }
}
