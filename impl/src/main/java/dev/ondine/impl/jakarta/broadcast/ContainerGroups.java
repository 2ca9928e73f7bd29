package dev.ondine.impl.jakarta.broadcast;

import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.GroupRelay;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.broadcast.LocalGroups;
import dev.ondine.api.broadcast.Published;
import dev.ondine.impl.core.MessageType;
import dev.ondine.impl.core.SharedMessage;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.RateLimitedSummary;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The named groups of one container ({@link Groups}): who is a member of what on this node,
 * publishes to the members, and the relay to the other nodes.
 *
 * <ul>
 *   <li><b>Membership.</b> A group holds state only while it has members here
 *       ({@link GroupMembers}, removed with its last member). Joins and leaves come from any
 *       thread; a session leaves all its groups when its connection ends, before its
 *       endpoint's {@code onClose} ({@link OndineSession#whenEnded}). Every change of a
 *       group's member count is told to the relay, under the group's lock so that the counts
 *       arrive in the order they happened.</li>
 *   <li><b>Publish.</b> The message is made a {@link SharedMessage} once and offered to each
 *       member's connection ({@link WebSocketConnection#sendShared}), which queues a view of
 *       the one encoded frame or says why it misses it (queue full, closing, in the middle of
 *       a message of its own); nothing waits. Then the relay, if any, carries it to the other
 *       nodes. A message the relay brings ({@link LocalGroups#deliver}) reaches the members
 *       here only.</li>
 * </ul>
 */
public final class ContainerGroups implements Groups {
    private static final Logger LOG = Logger.getLogger(ContainerGroups.class.getName());
    private static final Published NOBODY = new Published(0, 0);

    private final WebSocketContainer container;
    private final String where;
    private final ConcurrentMap<String, GroupMembers> groups = new ConcurrentHashMap<>();
    private final ConcurrentMap<OndineSession, SessionGroups> memberships = new ConcurrentHashMap<>();
    private final LocalGroups local = new Local();
    private final Object relayLock = new Object();
    private volatile GroupRelay relay;

    private final LongAdder published = new LongAdder();
    private final LongAdder fromRelay = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final RateLimitedSummary<String> lostSummary;
    private final RateLimitedSummary<String> relayFailures;

    /**
     * @param container the container whose sessions may join
     * @param where     names the container in log lines ({@code "at /chat"}, {@code "of a client container"})
     */
    public ContainerGroups(WebSocketContainer container, String where) {
        this.container = Objects.requireNonNull(container, "container");
        this.where = where;
        this.lostSummary = new RateLimitedSummary<>(LOG, "Broadcast messages the relay lost " + where + ", by group");
        this.relayFailures = new RateLimitedSummary<>(LOG, "Broadcast relay failures " + where + ", by group");
    }

    // ---------------------------------------------------------------- Groups

    @Override
    public Group group(String name) {
        return new LocalGroup(this, Objects.requireNonNull(name, "name"));
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new HashSet<>(groups.keySet()));
    }

    @Override
    public void relay(GroupRelay next) {
        GroupRelay previous;
        synchronized (relayLock) {
            previous = relay;
            if (next == previous) {
                return;
            }
            if (next != null) {
                next.start(local);
            }
            relay = next;
            if (next != null) {
                // The new relay learns the members already here; later changes follow in order.
                for (GroupMembers g : groups.values()) {
                    synchronized (g) {
                        if (!g.removed) {
                            tellRelay(next, g.name, g.sessions.size());
                        }
                    }
                }
            }
        }
        closeQuietly(previous);
    }

    @Override
    public GroupRelay relay() {
        return relay;
    }

    /** The container stops: the relay is closed (and removed), and what was counted is logged. */
    public void shutdown() {
        relay(null);
        lostSummary.flush();
        relayFailures.flush();
    }

    // ---------------------------------------------------------------- figures

    /** Messages published on this node (not counting those the relay brought). */
    public long published() {
        return published.sum();
    }

    /** Messages the relay brought from other nodes. */
    public long deliveredFromRelay() {
        return fromRelay.sum();
    }

    /** Messages the relay reported lost (this node fell behind the others). */
    public long lostByRelay() {
        return lost.sum();
    }

    // ---------------------------------------------------------------- membership

    boolean join(String name, Session session) {
        OndineSession s = ownSession(session);
        if (s.ended()) {
            throw new IllegalStateException("The session " + s.getId() + " is closed");
        }
        SessionGroups mine = memberships.computeIfAbsent(s, this::track);
        synchronized (mine) {
            if (mine.ended) {
                memberships.remove(s, mine);
                throw new IllegalStateException("The session " + s.getId() + " is closed");
            }
            if (!mine.names.add(name)) {
                return false;
            }
            addMember(name, s);
        }
        return true;
    }

    boolean leave(String name, Session session) {
        if (!(session instanceof OndineSession s)) {
            return false;
        }
        SessionGroups mine = memberships.get(s);
        if (mine == null) {
            return false;
        }
        synchronized (mine) {
            if (!mine.names.remove(name)) {
                return false;
            }
            removeMember(name, s);
        }
        return true;
    }

    /** A session's first join: it will leave everything when its connection ends. */
    private SessionGroups track(OndineSession s) {
        SessionGroups mine = new SessionGroups();
        mine.ended = !s.whenEnded(() -> ended(s));
        return mine;
    }

    private void ended(OndineSession s) {
        SessionGroups mine = memberships.remove(s);
        if (mine == null) {
            return;
        }
        List<String> names;
        synchronized (mine) {
            mine.ended = true;
            names = new ArrayList<>(mine.names);
            mine.names.clear();
        }
        for (String name : names) {
            removeMember(name, s);
        }
    }

    private OndineSession ownSession(Session session) {
        if (session instanceof OndineSession s && s.owningContainer() == container) {
            return s;
        }
        throw new IllegalArgumentException("Not a session of this container: " + session);
    }

    private void addMember(String name, OndineSession s) {
        while (true) {
            GroupMembers g = groups.computeIfAbsent(name, GroupMembers::new);
            synchronized (g) {
                if (g.removed) {
                    continue; // emptied and removed meanwhile: join the new entry
                }
                g.sessions.add(s);
                membersChanged(name, g.sessions.size());
                return;
            }
        }
    }

    private void removeMember(String name, OndineSession s) {
        GroupMembers g = groups.get(name);
        if (g == null) {
            return;
        }
        synchronized (g) {
            if (g.removed || !g.sessions.remove(s)) {
                return;
            }
            if (g.sessions.isEmpty()) {
                g.removed = true;
                groups.remove(name, g);
            }
            membersChanged(name, g.sessions.size());
        }
    }

    /** Under the group's lock: the relay learns the counts in order. */
    private void membersChanged(String name, int count) {
        GroupRelay r = relay;
        if (r != null) {
            tellRelay(r, name, count);
        }
    }

    private void tellRelay(GroupRelay r, String name, int count) {
        try {
            r.membersChanged(name, count);
        } catch (RuntimeException e) {
            relayFailed(name, e);
        }
    }

    Set<Session> localMembers(String name) {
        GroupMembers g = groups.get(name);
        if (g == null) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new HashSet<>(g.sessions));
    }

    /** The relay's count when there is one (the local count if it fails), else the local count. */
    long presence(String name) {
        GroupRelay r = relay;
        if (r != null) {
            try {
                return r.presence(name);
            } catch (RuntimeException e) {
                relayFailed(name, e);
            }
        }
        GroupMembers g = groups.get(name);
        return g == null ? 0 : g.sessions.size();
    }

    // ---------------------------------------------------------------- publishing

    Published publish(String name, GroupMessage message) {
        published.increment();
        Published here = deliverHere(name, message);
        GroupRelay r = relay;
        if (r != null) {
            try {
                r.publish(name, message);
            } catch (RuntimeException e) {
                relayFailed(name, e);
            }
        }
        return here;
    }

    /** Offers the message to every member here; never waits. */
    private Published deliverHere(String name, GroupMessage message) {
        GroupMembers g = groups.get(name);
        if (g == null) {
            return NOBODY;
        }
        SharedMessage shared = new SharedMessage(message.text() ? MessageType.TEXT : MessageType.BINARY,
                ByteBuffer.wrap(message.payload()));
        int queued = 0;
        int dropped = 0;
        for (OndineSession s : g.sessions) {
            WebSocketConnection c = s.connection();
            if (c != null && c.sendShared(shared).queued()) {
                queued++;
            } else {
                dropped++;
            }
        }
        return new Published(queued, dropped);
    }

    private void relayFailed(String name, RuntimeException e) {
        relayFailures.record(name);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "The broadcast relay failed " + where + " for group " + name, e);
        }
    }

    private static void closeQuietly(GroupRelay r) {
        if (r == null) {
            return;
        }
        try {
            r.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing the broadcast relay failed", e);
        }
    }

    /** What the relay sees of this node. */
    private final class Local implements LocalGroups {
        @Override
        public Published deliver(String group, GroupMessage message) {
            fromRelay.increment();
            return deliverHere(group, message);
        }

        @Override
        public void lost(String group, long count) {
            if (count <= 0) {
                return;
            }
            lost.add(count);
            lostSummary.record(group, count);
        }
    }
}
