package dev.ondine.api.broadcast;

/**
 * What one publish did on this node.
 *
 * @param queued  members whose outgoing queue took the message
 * @param dropped members that missed it: their outgoing queue was full, or they were closing
 */
public record Published(int queued, int dropped) {
}
