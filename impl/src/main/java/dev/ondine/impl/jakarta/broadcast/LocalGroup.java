package dev.ondine.impl.jakarta.broadcast;

import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.Published;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.Set;

/** A group as its users hold it: a name in a container's {@link ContainerGroups}, which keeps the members. */
final class LocalGroup implements Group {
    private final ContainerGroups groups;
    private final String name;

    LocalGroup(ContainerGroups groups, String name) {
        this.groups = groups;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean join(Session session) {
        return groups.join(name, session);
    }

    @Override
    public boolean leave(Session session) {
        return groups.leave(name, session);
    }

    @Override
    public Set<Session> localMembers() {
        return groups.localMembers(name);
    }

    @Override
    public long presence() {
        return groups.presence(name);
    }

    @Override
    public Published publish(String text) {
        return groups.publish(name, GroupMessage.ofText(text));
    }

    @Override
    public Published publish(ByteBuffer binary) {
        byte[] copy = new byte[binary.remaining()];
        binary.duplicate().get(copy);
        return groups.publish(name, GroupMessage.ofBinary(copy));
    }

    /** Two handles are equal when they name the same group of the same container. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LocalGroup other && other.groups == groups && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(groups) * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "Group[" + name + "]";
    }
}
