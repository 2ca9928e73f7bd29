package dev.ondine.impl.core;

/**
 * What a send is, as the layer above knows it. The connection's {@link WritePolicy} decides
 * from it, and from nothing the caller reads, whether the frame is written now, held in the
 * batch, or corked until a burst of replies ends, and whether a full outgoing queue refuses it.
 */
public enum SendKind {
    /**
     * A message (or part) whose sender waits until it is written ({@code RemoteEndpoint.Basic}).
     * Never refused for a full outgoing queue: the waiting sender bounds it. Held while the
     * application batches or the session corks.
     */
    BLOCKING,
    /**
     * A message whose sender does not wait ({@code RemoteEndpoint.Async}, a handler's reply).
     * Refused with {@link OutgoingQueueFullException} when the queue is at its limit (unless
     * sent while reading, which the read pause bounds). Held while batching, not while
     * corking: the corking task itself may wait for its {@code Future}.
     */
    ASYNCHRONOUS,
    /**
     * A ping or a pong the application sends: a heartbeat the peer should see now. Held while
     * batching, not while corking.
     */
    HEARTBEAT,
    /** A close frame: never held (what was batched goes out before it). */
    CLOSE
}
