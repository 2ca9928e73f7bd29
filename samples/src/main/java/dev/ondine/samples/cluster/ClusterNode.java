package dev.ondine.samples.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.ondine.api.OndineServer;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.hazelcast.HazelcastMember;
import dev.ondine.hazelcast.HazelcastRelay;
import dev.ondine.samples.chat.ChatNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples as one node of a cluster ({@code --cluster HOST:FIRST-LAST}): a Hazelcast member on the
 * first free port of the range, joined to the others of the range over TCP/IP, and a
 * {@link HazelcastRelay} for the server's broadcast groups, so that a chat room spans every node.
 * Each member tells the others where its chat page is (member attribute {@value #PAGE}). Only in the
 * runnable jar: the WAR carries no Hazelcast.
 */
public final class ClusterNode implements AutoCloseable {
    /** The member attribute with this node's chat page, {@code http://host:port/}. */
    static final String PAGE = "ondine.page";

    private final HazelcastInstance hazelcast;

    private ClusterNode(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /**
     * Checks {@code spec} ({@code HOST:PORT} or {@code HOST:FIRST-LAST}).
     *
     * @throws IllegalArgumentException with a one-line message if it is not one
     */
    public static void check(String spec) {
        HazelcastMember.cluster(spec);
    }

    /**
     * Starts the member and relays {@code server}'s groups through it; {@code page} is this node's page
     * ({@code http://host:port/}).
     *
     * @throws IllegalArgumentException if the host is unknown
     * @throws IllegalStateException if the member cannot start (no free port in the range)
     */
    public static ClusterNode join(String spec, OndineServer server, String page) {
        HazelcastInstance hz = HazelcastMember.cluster(spec).attribute(PAGE, page).start();
        Groups.of(server.container()).relay(HazelcastRelay.on(hz));
        ClusterNode node = new ClusterNode(hz);
        String authority = page.replaceFirst("^[a-z]+://", "").replaceFirst("/$", "");
        ChatNode.set(authority + " (Hazelcast member " + node.memberAddress() + ")", node::otherPages);
        return node;
    }

    /** This member's address, {@code host:port}. */
    public String memberAddress() {
        var a = hazelcast.getCluster().getLocalMember().getAddress();
        return (a.getHost().indexOf(':') >= 0 ? "[" + a.getHost() + "]" : a.getHost()) + ":" + a.getPort();
    }

    /** Members of the cluster now. */
    public int size() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** The chat pages of the other members. */
    List<String> otherPages() {
        List<String> pages = new ArrayList<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            String page = m.getAttribute(PAGE);
            if (!m.localMember() && page != null) {
                pages.add(page);
            }
        }
        return pages;
    }

    /** Leaves the cluster (after the server has stopped: its relay is closed then). */
    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
