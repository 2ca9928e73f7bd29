package dev.ondine.api.broadcast;

/** A node's own groups, as its {@link GroupRelay} sees them. */
public interface LocalGroups {

    /** Delivers a message published on another node to this node's members (it is not relayed again). */
    Published deliver(String group, GroupMessage message);

    /**
     * The relay lost {@code count} messages of {@code group} (this node fell behind the others):
     * counted in the metrics and logged, at most one line per interval.
     */
    void lost(String group, long count);
}
