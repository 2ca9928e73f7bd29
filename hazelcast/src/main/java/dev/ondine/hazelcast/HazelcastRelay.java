package dev.ondine.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.topic.ITopic;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.GroupRelay;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.broadcast.LocalGroups;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link GroupRelay} on Hazelcast: installed with {@link Groups#relay(GroupRelay)}, it carries
 * every publish to the other nodes and counts each group's members across them.
 *
 * <pre>{@code
 * HazelcastInstance hz = HazelcastMember.cluster("10.0.0.5:5701-5703").start();
 * Groups.of(server.container()).relay(HazelcastRelay.on(hz));
 * }</pre>
 *
 * <ul>
 *   <li><b>Publishes.</b> Each group has its own reliable topic, {@code ondine.group.NAME} (a ring
 *   buffer, capacity and backups from the Hazelcast configuration of that name; 10,000 messages and
 *   one synchronous backup by default). A publish is one {@code byte[]}: the group, the publishing
 *   relay's id (a node skips its own) and the payload. A node reads a group's topic only while the
 *   group has members here, in the ring buffer's order; one that fell more than the capacity behind
 *   goes on from the oldest message kept and reports the number it lost to
 *   {@link LocalGroups#lost}, and in the log (at most one line per {@link Builder#lossLogInterval}).
 *   A node starts reading a group when its first member here joins: messages published elsewhere
 *   after that node's count appears in the others' {@link #presence} reach it.</li>
 *   <li><b>Presence.</b> Each node's member count per group sits in the map {@code ondine.presence};
 *   every node keeps a copy of it, so {@link #presence} costs no network call. Entries of a member
 *   that leaves the cluster or dies are removed by the members that see it go.</li>
 *   <li><b>Order.</b> Each node's publishes to a group are stored in the order it made them: one
 *   batch ({@code publishAllAsync}) in flight per group, carrying what was published meanwhile
 *   (two in flight could swap when Hazelcast retries one after a member's death).</li>
 *   <li><b>Threads.</b> {@link #publish} sends asynchronously and never waits; membership changes
 *   are applied to Hazelcast by one thread of the relay ({@code ondine-hazelcast-relay}), the latest
 *   count of each group only. Messages from other nodes are delivered on Hazelcast's threads.</li>
 * </ul>
 *
 * <p>The instance may be shared (Payara's, an application's); the relay never shuts it down. It
 * must be a member, not a Hazelcast client: presence entries are keyed by the local member, and
 * the members remove those of a member that leaves.
 */
public final class HazelcastRelay implements GroupRelay {
    private static final Logger LOG = Logger.getLogger(HazelcastRelay.class.getName());

    private final HazelcastInstance hazelcast;
    private final String topicPrefix;
    private final UUID id = UUID.randomUUID();
    private final LossReport losses;
    private final ExecutorService relayThread;
    private final ClusterPresence presence;
    /** Each group's publishes in their order, one batch in flight at a time. */
    private final Map<String, PublishQueue> publishQueues = new ConcurrentHashMap<>();
    private final int publishQueueLimit;
    /** Latest count per group not yet applied by the relay's thread. */
    private final Map<String, Integer> pendingCounts = new ConcurrentHashMap<>();
    /** The groups this node reads, with their listener's registration. */
    private final Map<String, Reader> readers = new ConcurrentHashMap<>();
    private final AtomicLong failedPublishes = new AtomicLong();
    private volatile LocalGroups local;
    private volatile boolean closed;
    private UUID lifecycleRegistration;

    private record Reader(GroupSubscription subscription, UUID registration) {
    }

    private HazelcastRelay(Builder b) {
        this.hazelcast = b.hazelcast;
        this.topicPrefix = b.topicPrefix;
        this.publishQueueLimit = b.publishQueueLimit;
        this.losses = new LossReport(b.lossLogInterval.toNanos());
        this.relayThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ondine-hazelcast-relay");
            t.setDaemon(true);
            return t;
        });
        String node = ClusterPresence.node(hazelcast.getCluster().getLocalMember().getUuid(), id);
        this.presence = new ClusterPresence(hazelcast.getMap(b.presenceMap), node, this::onRelayThread);
    }

    /** A relay on {@code hazelcast} with the default names ({@code ondine.group.*}, {@code ondine.presence}). */
    public static HazelcastRelay on(HazelcastInstance hazelcast) {
        return builder(hazelcast).build();
    }

    /** A relay on {@code hazelcast} with names or intervals of one's own. */
    public static Builder builder(HazelcastInstance hazelcast) {
        return new Builder(hazelcast);
    }

    /** This relay's id: the origin its publishes carry. */
    public UUID id() {
        return id;
    }

    /** The Hazelcast instance it relays through. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Messages published on other nodes that this node lost because it fell behind, since it started. */
    public long lostMessages() {
        return losses.total();
    }

    /** Publishes Hazelcast did not take (the cluster was unreachable or shut down), since it started. */
    public long failedPublishes() {
        return failedPublishes.get();
    }

    /** The reliable topic of {@code group}. */
    public String topicName(String group) {
        return topicPrefix + group;
    }

    @Override
    public void start(LocalGroups localGroups) {
        this.local = Objects.requireNonNull(localGroups, "localGroups");
        onRelayThread(() -> {
            presence.start(hazelcast.getCluster());
            lifecycleRegistration = hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    onRelayThread(presence::publishAllOwn);
                }
            });
        });
    }

    @Override
    public void publish(String group, GroupMessage message) {
        if (closed) {
            return;
        }
        byte[] frame = new RelayFrame(id, group, message).encode();
        PublishQueue queue = publishQueues.get(group);
        if (queue == null) {
            try {
                ITopic<byte[]> topic = hazelcast.getReliableTopic(topicName(group));
                // The topic's ring buffer has the configuration of the topic's name (Hazelcast's rule).
                int capacity = hazelcast.getConfig().findRingbufferConfig(topicName(group)).getCapacity();
                queue = publishQueues.computeIfAbsent(group, g -> new PublishQueue(topic, capacity, publishQueueLimit,
                        (count, failure) -> publishFailed(g, count, failure)));
            } catch (RuntimeException e) {
                publishFailed(group, 1, e);
                return;
            }
        }
        queue.publish(frame);
    }

    private void publishFailed(String group, int count, Throwable failure) {
        long n = failedPublishes.addAndGet(count);
        if (closed || failure instanceof HazelcastInstanceNotActiveException) {
            LOG.log(Level.FINE, "A publish to group " + group + " was not relayed: Hazelcast is shutting down");
        } else if (Long.bitCount(n) == 1 || count > 1) { // a batch, or the 1st, 2nd, 4th, 8th... failure
            LOG.log(Level.WARNING, count + " publish(es) to group " + group + " did not reach the other nodes ("
                    + n + " in all since the relay started): " + failure);
        }
    }

    @Override
    public void membersChanged(String group, int localMembers) {
        presence.ownChanged(group, localMembers);
        if (pendingCounts.put(group, localMembers) == null) {
            onRelayThread(() -> applyCount(group));
        }
    }

    @Override
    public long presence(String group) {
        return presence.count(group);
    }

    /** On the relay's thread: reads the group while it has members here, then tells the others the count. */
    private void applyCount(String group) {
        Integer count = pendingCounts.remove(group);
        if (count == null || closed) {
            return;
        }
        if (count > 0) {
            try {
                readers.computeIfAbsent(group, this::read);
            } catch (RuntimeException e) {
                // For example a read batch larger than the ring buffer's capacity: counted, but not read here.
                LOG.log(Level.WARNING, "Cannot read group " + group + " from the other nodes: " + e.getMessage(), e);
            }
        } else {
            stopReading(group);
        }
        presence.publishOwn(group);
    }

    private Reader read(String group) {
        GroupSubscription s = new GroupSubscription(group, id, local, losses, () -> readerCancelled(group));
        ITopic<byte[]> topic = hazelcast.getReliableTopic(topicName(group));
        return new Reader(s, topic.addMessageListener(s));
    }

    private void stopReading(String group) {
        Reader r = readers.remove(group);
        if (r != null) {
            r.subscription().end();
            hazelcast.getReliableTopic(topicName(group)).removeMessageListener(r.registration());
        }
    }

    /** Hazelcast stopped a reader (its ring buffer is gone, or an error it does not retry): read again. */
    private void readerCancelled(String group) {
        if (closed || !hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        LOG.log(Level.WARNING, "Hazelcast stopped reading group " + group + " on this node; reading it again from"
                + " the newest message (what was published meanwhile is lost here)");
        onRelayThread(() -> {
            readers.remove(group);
            if (presence.ownCount(group) > 0 && !closed) {
                readers.computeIfAbsent(group, this::read);
            }
        });
    }

    private void onRelayThread(Runnable task) {
        try {
            relayThread.execute(() -> {
                try {
                    task.run();
                } catch (HazelcastInstanceNotActiveException e) {
                    LOG.log(Level.FINE, "Hazelcast is shutting down", e);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The Hazelcast relay failed to update the cluster", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /**
     * Stops reading, removes this node's presence entries and the listeners, waiting up to 5 s; the
     * Hazelcast instance keeps running.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        relayThread.execute(() -> {
            try {
                for (String group : readers.keySet()) {
                    stopReading(group);
                }
                if (lifecycleRegistration != null) {
                    hazelcast.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
                }
                presence.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Hazelcast relay stopped while Hazelcast was stopping", e);
            }
        });
        relayThread.shutdown();
        try {
            if (!relayThread.awaitTermination(5, TimeUnit.SECONDS)) {
                relayThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            relayThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HazelcastRelay[" + id + " on " + hazelcast.getName() + "]";
    }

    /** The names and intervals of a {@link HazelcastRelay}. */
    public static final class Builder {
        private final HazelcastInstance hazelcast;
        private String topicPrefix = "ondine.group.";
        private String presenceMap = "ondine.presence";
        private Duration lossLogInterval = Duration.ofSeconds(10);
        private int publishQueueLimit = 10_000;

        private Builder(HazelcastInstance hazelcast) {
            this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        }

        /**
         * The start of each group's reliable topic name (default {@code ondine.group.}): two applications
         * sharing one cluster keep their groups apart with prefixes of their own.
         */
        public Builder topicPrefix(String prefix) {
            this.topicPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The map of presence counts (default {@code ondine.presence}). */
        public Builder presenceMap(String name) {
            this.presenceMap = Objects.requireNonNull(name, "name");
            return this;
        }

        /** At most one log line about lost messages per interval (default 10 s). */
        public Builder lossLogInterval(Duration interval) {
            this.lossLogInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Publishes of one group that may wait for the cluster (default 10,000): past that, while the
         * cluster does not take them, publishes are dropped (counted in {@link #failedPublishes()}).
         */
        public Builder publishQueueLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit < 1: " + limit);
            }
            this.publishQueueLimit = limit;
            return this;
        }

        public HazelcastRelay build() {
            return new HazelcastRelay(this);
        }
    }
}
