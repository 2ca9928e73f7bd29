package dev.ondine.impl.jakarta.broadcast;

import dev.ondine.impl.jakarta.session.OndineSession;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of one group on this node, from its first member's join to its last member's
 * leave: a group with no member here holds nothing. Joins and leaves change it under its lock
 * (so that the relay learns the counts in the order they happened); a publish reads the set
 * without it, seeing every member that joined before it began.
 */
final class GroupMembers {
    final String name;
    final Set<OndineSession> sessions = ConcurrentHashMap.newKeySet();
    /** Set under the lock when the last member left and the entry was removed: join again afresh. */
    boolean removed;

    GroupMembers(String name) {
        this.name = name;
    }
}
