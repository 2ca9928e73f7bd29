package dev.ondine.api.broadcast;

/**
 * Carries publishes between nodes, and counts members across them ({@code ondine-hazelcast}
 * implements it on a Hazelcast reliable topic). Installed with {@link Groups#relay(GroupRelay)}.
 * Every method may be called from any thread, and must not block for long: {@link #publish}
 * is called on the publisher's thread, which may be a WebSocket I/O thread.
 */
public interface GroupRelay extends AutoCloseable {

    /** Called once when installed: what arrives from the other nodes goes to {@code local}. */
    void start(LocalGroups local);

    /** Sends a publish made on this node to the other nodes (local members already have it). */
    void publish(String group, GroupMessage message);

    /** This node's number of members of {@code group} is now {@code localMembers}. */
    void membersChanged(String group, int localMembers);

    /** Members of {@code group} on every node, as far as this node knows. */
    long presence(String group);

    /** Stops relaying; called when the relay is replaced or its container stops. */
    @Override
    void close();
}
