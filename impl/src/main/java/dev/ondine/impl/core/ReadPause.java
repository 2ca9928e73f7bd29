package dev.ondine.impl.core;

import java.nio.ByteBuffer;

/**
 * Why reading is suspended, and the bytes read but not yet parsed meanwhile.
 *
 * <p>Reading pauses for reasons that lift independently (the peer leaves our output unread;
 * the layer above has a backlog): the transport reads only when none is left. A pause may
 * come in the middle of a read, and a read may hold many small messages: the rest of that
 * read is held here and parsed, before the transport reads again, when reading resumes.
 *
 * <p>Not thread-safe: the reasons are used under the connection's lock; the held bytes are
 * the reading thread's (and read for diagnostics under the lock).
 */
final class ReadPause {
    /** Reading is suspended because the peer leaves too much of our output unread. */
    static final int OUTGOING = 1;
    /** Reading is suspended because the layer above has not yet handled what it received. */
    static final int BACKLOG = 2;

    private final Transport transport;
    private int reasons;
    private ByteBuffer held;

    ReadPause(Transport transport) {
        this.transport = transport;
    }

    /**
     * Adds {@code reason}; the transport is told to pause when it is the first one. Called
     * under the connection's lock, so that the transport sees pauses and resumes in the order
     * they were decided (its pause and resume only set a flag or post a task: a pause told
     * after the lock could land after a resume decided on another thread, and stop reading
     * with no reason left).
     */
    void add(int reason) {
        boolean first = reasons == 0;
        reasons |= reason;
        if (first) {
            transport.pauseReading();
        }
    }

    /** Lifts {@code reason}; returns true when it was the last one (reading may resume). */
    boolean lift(int reason) {
        int before = reasons;
        reasons &= ~reason;
        return before != 0 && reasons == 0;
    }

    boolean has(int reason) {
        return (reasons & reason) != 0;
    }

    int reasons() {
        return reasons;
    }

    /** Whether bytes are held: new bytes then queue behind them. */
    boolean holdsInput() {
        return held != null;
    }

    /** Holds the rest of {@code bytes}, after what is already held. */
    void hold(ByteBuffer bytes) {
        int heldBytes = held == null ? 0 : held.remaining();
        ByteBuffer b = ByteBuffer.allocate(heldBytes + bytes.remaining());
        if (held != null) {
            b.put(held);
        }
        held = b.put(bytes).flip();
    }

    /** Takes what is held (null if nothing). */
    ByteBuffer takeHeld() {
        ByteBuffer b = held;
        held = null;
        return b;
    }

    int heldBytes() {
        ByteBuffer b = held;
        return b == null ? 0 : b.remaining();
    }
}
