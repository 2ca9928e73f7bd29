package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.CloseFrames;

/**
 * The closing handshake of one connection (RFC 6455 §7) as a state machine: which close
 * frames have gone each way, and the status the local listener is told once, at the end
 * (§7.1.5, §7.1.6).
 *
 * <pre>
 *   OPEN --close(), peer's close, failure--> CLOSING --transport ended--> CLOSED
 *   OPEN ------------------------transport ended (1006)-------------------> CLOSED
 * </pre>
 *
 * <p>Beside the state it records whether our close frame has been queued (after which no
 * frame may be sent, §5.5.1), whether nothing more will be read from the peer (its close
 * frame was read, or the connection was failed, §7.1.7), and whether the peer's close frame
 * itself was read (only then may a server end the TCP connection without lingering).
 *
 * <p>Not thread-safe: the connection calls it under its own lock; what each transition asks
 * the connection to do (send a close, end the transport) is returned, and done after the lock.
 */
final class ClosingHandshake {

    private enum State { OPEN, CLOSING, CLOSED }

    /** What the listener is told when the connection has ended. */
    record Status(int code, String reason) {
    }

    private State state = State.OPEN;
    private boolean closeSent;
    private boolean inputEnded;
    private boolean peerCloseFrameRead;
    private boolean reported;
    private int code = CloseCodes.ABNORMAL;
    private String reason = "";

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Whether frames may still be queued: our close has not been, and the transport is up. */
    boolean maySend() {
        return !closeSent && state != State.CLOSED;
    }

    /** Nothing more will be read: the peer's close arrived, or the connection was failed. */
    boolean inputEnded() {
        return inputEnded;
    }

    boolean peerCloseFrameRead() {
        return peerCloseFrameRead;
    }

    /**
     * This side starts closing (§7.1.2); the local listener will be told {@code localCode}.
     * Returns false, changing nothing, when closing has already begun.
     */
    boolean start(int localCode, String localReason) {
        if (state != State.OPEN) {
            return false;
        }
        state = State.CLOSING;
        report(localCode, localReason);
        return true;
    }

    /**
     * The peer's close frame was read (§5.5.1). Returns whether it must be answered with a
     * close frame: true unless ours was already sent, in which case the handshake is complete.
     */
    boolean peerClosed(CloseFrames.CloseStatus status) {
        inputEnded = true;
        peerCloseFrameRead = true;
        if (closeSent) {
            return false;
        }
        report(status.code(), status.reason());
        state = State.CLOSING;
        return true;
    }

    /**
     * The connection is failed (§7.1.7) with {@code failCode}: nothing more is read, and the
     * listener is told that code unless the transport has already ended. Returns whether a
     * close frame must still be sent.
     */
    boolean fail(int failCode, String failReason) {
        boolean send = maySend();
        if (state != State.CLOSED) {
            state = State.CLOSING;
            report(failCode, failReason);
        }
        inputEnded = true; // end as soon as our close is written
        return send;
    }

    /** Our close frame is being queued; returns false when one was already (or may not be). */
    boolean closeFrameQueued() {
        if (!maySend()) {
            return false;
        }
        closeSent = true;
        return true;
    }

    /**
     * The transport has ended (§7.1.4). Returns the status to tell the listener, or null when
     * it was told already: 1006 when no close frame went either way (§7.1.5).
     */
    Status transportEnded(String abnormalReason) {
        state = State.CLOSED;
        if (reported) {
            return null;
        }
        reported = true;
        if (!closeSent && !inputEnded) {
            report(CloseCodes.ABNORMAL, abnormalReason);
        }
        return new Status(code, reason);
    }

    private void report(int statusCode, String statusReason) {
        code = statusCode;
        reason = statusReason == null ? "" : statusReason;
    }
}
