package dev.ondine.hazelcast;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Members of each group on every node. Each node writes its own counts to a Hazelcast map, one
 * entry per group and node: key {@code memberUuid/relayUuid/group}, value the count (no entry at
 * zero). Each node keeps a copy of the others' entries, fed by an entry listener, so that
 * {@link #count} is a local sum; its own counts it knows at once. Entries of a member that leaves
 * or dies are removed by the members that see it go ({@link MembershipListener}), so a killed
 * node's sessions stop being counted once the cluster has noticed its death.
 */
final class ClusterPresence implements EntryAddedListener<String, Integer>, EntryUpdatedListener<String, Integer>,
        EntryRemovedListener<String, Integer>, EntryEvictedListener<String, Integer>,
        EntryExpiredListener<String, Integer>, MembershipListener {

    private final IMap<String, Integer> map;
    private final String node;
    private final Executor relayThread;
    /** This node's counts, by group. */
    private final Map<String, Integer> own = new ConcurrentHashMap<>();
    /** The other nodes' counts: group, then node ({@code memberUuid/relayUuid}) to count; inner maps immutable. */
    private final Map<String, Map<String, Integer>> others = new ConcurrentHashMap<>();
    /** Keys changed by an event while the first copy of the map is read (that copy must not undo them). */
    private final Set<String> changedWhileLoading = ConcurrentHashMap.newKeySet();
    private volatile boolean loading = true;
    private Cluster cluster;
    private UUID entryRegistration;
    private UUID membershipRegistration;

    /** {@code node}: this relay's part of the keys, {@code memberUuid/relayUuid}. */
    ClusterPresence(IMap<String, Integer> map, String node, Executor relayThread) {
        this.map = map;
        this.node = node;
        this.relayThread = relayThread;
    }

    static String node(UUID member, UUID relay) {
        return member + "/" + relay;
    }

    /** Registers the listeners and reads the others' counts (blocking: on the relay's thread). */
    void start(Cluster cluster) {
        this.cluster = cluster;
        entryRegistration = map.addEntryListener(this, true);
        membershipRegistration = cluster.addMembershipListener(this);
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            String key = e.getKey();
            apply(key, e.getValue(), true);
        }
        loading = false;
        changedWhileLoading.clear();
    }

    /** Members of {@code group} on every node, as far as this node knows. */
    long count(String group) {
        long n = own.getOrDefault(group, 0);
        Map<String, Integer> nodes = others.get(group);
        if (nodes != null) {
            for (int c : nodes.values()) {
                n += c;
            }
        }
        return n;
    }

    /** Members of {@code group} on this node. */
    int ownCount(String group) {
        return own.getOrDefault(group, 0);
    }

    /** This node's count changed (any thread): counted here at once. */
    void ownChanged(String group, int count) {
        if (count > 0) {
            own.put(group, count);
        } else {
            own.remove(group);
        }
    }

    /** Writes this node's current count of {@code group} to the map (blocking: on the relay's thread). */
    void publishOwn(String group) {
        Integer count = own.get(group);
        String key = node + "/" + group;
        if (count == null) {
            map.delete(key);
        } else {
            map.set(key, count);
        }
    }

    /** Writes every count of this node again (after a split cluster merged, its entries may be gone). */
    void publishAllOwn() {
        for (String group : own.keySet()) {
            publishOwn(group);
        }
    }

    /** Removes this node's entries and the listeners (blocking). */
    void stop() {
        if (entryRegistration != null) {
            map.removeEntryListener(entryRegistration);
        }
        if (membershipRegistration != null) {
            cluster.removeMembershipListener(membershipRegistration);
        }
        map.removeAll(Predicates.like("__key", node + "/%"));
        own.clear();
    }

    // ------------------------------------------------------------------------------ Hazelcast's events

    @Override
    public void entryAdded(EntryEvent<String, Integer> event) {
        apply(event.getKey(), event.getValue(), false);
    }

    @Override
    public void entryUpdated(EntryEvent<String, Integer> event) {
        apply(event.getKey(), event.getValue(), false);
    }

    @Override
    public void entryRemoved(EntryEvent<String, Integer> event) {
        apply(event.getKey(), null, false);
    }

    @Override
    public void entryEvicted(EntryEvent<String, Integer> event) {
        apply(event.getKey(), null, false);
    }

    @Override
    public void entryExpired(EntryEvent<String, Integer> event) {
        apply(event.getKey(), null, false);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // its entries arrive as entry events
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String member = event.getMember().getUuid().toString();
        String prefix = member + "/";
        for (String group : others.keySet()) {
            others.computeIfPresent(group, (g, nodes) -> without(nodes, prefix));
        }
        // Every member that sees it go removes its entries: the same removal, harmless twice.
        relayThread.execute(() -> map.removeAll(Predicates.like("__key", prefix + "%")));
    }

    /** Applies one entry of the map to the copy: {@code count} null when it is gone. */
    private void apply(String key, Integer count, boolean fromFirstCopy) {
        int groupStart = key.indexOf('/', key.indexOf('/') + 1);
        if (groupStart < 0) {
            return; // not one of ours
        }
        String from = key.substring(0, groupStart);
        if (from.equals(node)) {
            return; // this node's own count is known here first
        }
        String group = key.substring(groupStart + 1);
        if (!fromFirstCopy && loading) {
            changedWhileLoading.add(key);
        }
        others.compute(group, (g, nodes) -> {
            if (fromFirstCopy && changedWhileLoading.contains(key)) {
                return nodes;
            }
            Map<String, Integer> next = nodes == null ? new HashMap<>() : new HashMap<>(nodes);
            if (count == null || count <= 0) {
                next.remove(from);
            } else {
                next.put(from, count);
            }
            return next.isEmpty() ? null : Map.copyOf(next);
        });
    }

    private static Map<String, Integer> without(Map<String, Integer> nodes, String memberPrefix) {
        Map<String, Integer> next = new HashMap<>(nodes);
        next.keySet().removeIf(n -> n.startsWith(memberPrefix));
        return next.isEmpty() ? null : Map.copyOf(next);
    }
}
