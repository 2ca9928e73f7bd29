package dev.ondine.impl.jakarta.broadcast;

import java.util.HashSet;
import java.util.Set;

/**
 * The groups one session has joined in a container, so that it leaves them all when its
 * connection ends. Guarded by its own lock; a join holds it while it adds the session to the
 * group, so that an end racing with the join sees the group and leaves it.
 */
final class SessionGroups {
    final Set<String> names = new HashSet<>(4);
    /** The session has ended (or had when this was made): no join may follow. */
    boolean ended;
}
