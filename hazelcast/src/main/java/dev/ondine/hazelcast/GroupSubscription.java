package dev.ondine.hazelcast;

import dev.ondine.api.broadcast.LocalGroups;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's reader of one group's reliable topic, while the group has members here. Hazelcast
 * calls it on one thread at a time, in the ring buffer's order. It is loss tolerant: a reader that
 * fell more than the ring buffer's capacity behind (or whose ring buffer was lost with its
 * partition) goes on from the oldest message still there, and the jump in sequence numbers is the
 * number of messages it lost, handed to {@link LocalGroups#lost}.
 */
final class GroupSubscription implements ReliableMessageListener<byte[]> {
    private static final Logger LOG = Logger.getLogger(GroupSubscription.class.getName());

    private final String group;
    private final UUID self;
    private final LocalGroups local;
    private final LossReport losses;
    private final Runnable cancelledByHazelcast;
    /** The sequence expected next; -1 before the first message (gaps count from there). */
    private long expected = -1;
    private volatile boolean ended;

    GroupSubscription(String group, UUID self, LocalGroups local, LossReport losses, Runnable cancelledByHazelcast) {
        this.group = group;
        this.self = self;
        this.local = local;
        this.losses = losses;
        this.cancelledByHazelcast = cancelledByHazelcast;
    }

    String group() {
        return group;
    }

    /** Called before this node removes the listener itself: its cancellation is then no news. */
    void end() {
        ended = true;
    }

    @Override
    public long retrieveInitialSequence() {
        return -1; // what is published from now on
    }

    @Override
    public void storeSequence(long sequence) {
        if (expected >= 0 && sequence > expected) {
            long lost = sequence - expected;
            losses.lost(group, lost);
            local.lost(group, lost);
        }
        expected = sequence + 1;
    }

    @Override
    public void onMessage(Message<byte[]> message) {
        RelayFrame frame;
        try {
            frame = RelayFrame.decode(message.getMessageObject());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "Ignored a message on the topic of group " + group + ": " + e.getMessage());
            return;
        }
        if (frame.origin().equals(self) || !frame.group().equals(group)) {
            return; // this node's own publish: its members have it already
        }
        local.deliver(group, frame.message());
    }

    @Override
    public boolean isLossTolerant() {
        return true;
    }

    @Override
    public boolean isTerminal(Throwable failure) {
        LOG.log(Level.WARNING, "A message of group " + group + " could not be delivered here", failure);
        return false;
    }

    @Override
    public void onCancel() {
        if (!ended) {
            cancelledByHazelcast.run();
        }
    }

    @Override
    public String toString() {
        return "Ondine group " + group;
    }
}
