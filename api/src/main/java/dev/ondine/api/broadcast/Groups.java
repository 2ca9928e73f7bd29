package dev.ondine.api.broadcast;

import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.util.Set;

/**
 * The named groups of one Ondine container: a standalone server, a web application, or a
 * client container. Groups are created on first use and cost nothing while they have no member
 * on this node.
 *
 * <pre>{@code
 * Group room = Groups.of(session).group("lobby");
 * room.join(session);               // leaves by itself when the session closes
 * room.publish("{\"text\":\"hi\"}");  // every member, here and on the other nodes
 * }</pre>
 */
public interface Groups {

    /** The groups of the container that owns {@code session}. */
    static Groups of(Session session) {
        return of(session.getContainer());
    }

    /**
     * The groups of an Ondine container.
     *
     * @throws IllegalArgumentException if the container is not Ondine's
     */
    static Groups of(WebSocketContainer container) {
        if (container instanceof Owner owner) {
            return owner.groups();
        }
        throw new IllegalArgumentException("not an Ondine container: "
                + (container == null ? "null" : container.getClass().getName()));
    }

    /** The group of that name (created on first use; never null). */
    Group group(String name);

    /** The names of the groups that have at least one member on this node. */
    Set<String> names();

    /**
     * Installs the relay that carries publishes to and from the other nodes, replacing (and
     * closing) the previous one; null to run alone again. Without a relay every group is local.
     */
    void relay(GroupRelay relay);

    /** The installed relay, or null when this node runs alone. */
    GroupRelay relay();

    /** Implemented by Ondine's containers: how {@link #of(WebSocketContainer)} finds their groups. */
    interface Owner {
        Groups groups();
    }
}
