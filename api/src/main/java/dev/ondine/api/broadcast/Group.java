package dev.ondine.api.broadcast;

import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A named set of sessions that receive the same messages.
 *
 * <p>A publish is encoded once: one frame, header and payload, shared read-only by every member's
 * outgoing queue (compressed once for the members whose permessage-deflate keeps no context
 * between messages, sent uncompressed to the others). It never blocks: a member whose outgoing
 * queue is full, that is closing, or that is in the middle of a message of its own sent in
 * parts misses that message, and is counted in {@link Published} and in the metrics; the
 * others are not held up.
 */
public interface Group {

    /** The group's name. */
    String name();

    /**
     * Adds an open session of this container; it leaves by itself when it closes.
     *
     * @return false if it was a member already
     * @throws IllegalArgumentException if the session is not one of this container's
     * @throws IllegalStateException if the session is closed
     */
    boolean join(Session session);

    /**
     * Removes the session.
     *
     * @return false if it was not a member
     */
    boolean leave(Session session);

    /** A snapshot of the members on this node. */
    Set<Session> localMembers();

    /**
     * The members on every node: this node's count when it runs alone, the relay's
     * cluster-wide count otherwise (eventually consistent).
     */
    long presence();

    /** Sends a text message to every member, here and on the other nodes. */
    Published publish(String text);

    /** Sends a binary message (its remaining bytes; the buffer is not modified) to every member. */
    Published publish(ByteBuffer binary);
}
