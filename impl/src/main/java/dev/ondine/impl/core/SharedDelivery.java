package dev.ondine.impl.core;

/** What became of a {@link SharedMessage} offered to one connection ({@link WebSocketConnection#sendShared}). */
public enum SharedDelivery {
    /** Queued behind what the connection had queued before. */
    QUEUED,
    /** Missed: the outgoing queue was at its limit (the connection's own sends keep their room). */
    QUEUE_FULL,
    /** Missed: the connection is closing or closed. */
    CLOSING,
    /**
     * Missed: the connection is in the middle of a message it sends in parts, which no other
     * message may interleave with (RFC 6455 §5.4).
     */
    IN_PARTIAL_MESSAGE;

    /** Whether the message was queued. */
    public boolean queued() {
        return this == QUEUED;
    }
}
