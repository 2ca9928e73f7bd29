package dev.ondine.api.broadcast;

/**
 * What one publish did on this node.
 *
 * @param queued  members whose outgoing queue took the message
 * @param dropped members that missed it: their outgoing queue was full, they were closing, or
 *                they were in the middle of a message of their own sent in parts (RFC 6455 §5.4:
 *                another message may not be interleaved with it)
 */
public record Published(int queued, int dropped) {
}
