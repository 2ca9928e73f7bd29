package dev.ondine.impl.core;

import java.io.IOException;

/**
 * A send refused because the peer does not read fast enough: the session already holds
 * {@code ondine.maxOutgoingQueueBytes} of unwritten data.
 */
public final class OutgoingQueueFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutgoingQueueFullException(long queuedBytes, long limit) {
        super("Outgoing queue full: " + queuedBytes + " bytes waiting for the peer (limit " + limit + ")");
    }
}
