package dev.ondine.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.ReliableTopicConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.ondine.testsupport.FreePorts;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.ondine.hazelcast.RecordingGroups.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Hazelcast members in this JVM on loopback (TCP/IP join), each with a relay: publishes reach
 * the other nodes' groups in each publisher's order and not their own, presence counts every node and
 * forgets a node whose last member left and a member that dies, and a node that falls behind a small
 * ring buffer learns how many messages it lost.
 */
@Timeout(120)
class HazelcastRelayTest {
    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();
    private static int firstPort;

    @BeforeAll
    static void startMembers() throws IOException {
        firstPort = FreePorts.range(4);
        for (int i = 0; i < 3; i++) {
            HazelcastMember.Builder b = HazelcastMember.tcp().host("127.0.0.1").ports(firstPort, firstPort + 3)
                    .clusterName("relay-test-" + firstPort).joinSeconds(1);
            Config config = b.config();
            // Small ring buffers for the loss test's group.
            // (A reader's batch may not exceed the capacity: Hazelcast refuses such a read.)
            config.addRingBufferConfig(new RingbufferConfig("ondine.group.small*").setCapacity(16));
            config.addReliableTopicConfig(new ReliableTopicConfig("ondine.group.small*").setReadBatchSize(8));
            HazelcastMember.quietLogging();
            MEMBERS.add(Hazelcast.newHazelcastInstance(config));
        }
        assertEquals(3, MEMBERS.get(0).getCluster().getMembers().size());
    }

    @AfterAll
    static void stopMembers() {
        for (HazelcastInstance hz : MEMBERS) {
            hz.getLifecycleService().terminate();
        }
    }

    private static GroupMessage text(String s) {
        return GroupMessage.ofText(s);
    }

    @Test
    void publishesReachTheOtherNodesInOrderAndPresenceCountsThemAll() throws Exception {
        RecordingGroups[] groups = new RecordingGroups[3];
        HazelcastRelay[] relays = new HazelcastRelay[3];
        try {
            for (int i = 0; i < 3; i++) {
                groups[i] = new RecordingGroups();
                relays[i] = HazelcastRelay.on(MEMBERS.get(i));
                relays[i].start(groups[i]);
            }
            relays[0].membersChanged("room", 2);
            relays[1].membersChanged("room", 3);
            relays[2].membersChanged("room", 1);
            for (HazelcastRelay r : relays) {
                assertTrue(await(() -> r.presence("room") == 6, 20), "presence " + r.presence("room"));
            }
            for (int n = 0; n < 100; n++) {
                relays[n % 2].publish("room", text("m" + n));
            }
            relays[0].publish("room", GroupMessage.ofBinary("b".getBytes(StandardCharsets.UTF_8)));
            assertTrue(await(() -> groups[2].delivered().size() == 101, 20), groups[2].delivered().toString());
            assertTrue(await(() -> groups[0].delivered().size() == 50 && groups[1].delivered().size() == 51, 20));
            List<String> fromBoth = groups[2].delivered();
            assertTrue(fromBoth.contains("room:bin:b"), fromBoth.toString());
            // Each publisher's messages in its order (no order between publishers); none of a node's own
            // come back to it.
            assertInOrder(fromBoth, 0);
            assertInOrder(fromBoth, 1);
            assertTrue(groups[0].delivered().stream().allMatch(s -> odd(s)), groups[0].delivered().toString());
            assertTrue(groups[1].delivered().stream().filter(s -> !s.contains("bin")).noneMatch(s -> odd(s)));
            assertEquals(0, relays[2].lostMessages());

            // A node whose last member leaves stops reading the group, and stops being counted.
            relays[2].membersChanged("room", 0);
            assertTrue(await(() -> relays[0].presence("room") == 5, 20));
            relays[0].publish("room", text("after"));
            assertTrue(await(() -> groups[1].delivered().contains("room:after"), 20));
            Thread.sleep(200);
            assertEquals(101, groups[2].delivered().size());
        } finally {
            for (HazelcastRelay r : relays) {
                if (r != null) {
                    r.close();
                }
            }
        }
        assertTrue(await(() -> MEMBERS.get(0).getMap("ondine.presence").isEmpty(), 20), "closed relays leave no count");
    }

    private static boolean odd(String delivered) {
        return Integer.parseInt(delivered.substring(delivered.indexOf(":m") + 2)) % 2 == 1;
    }

    private static void assertInOrder(List<String> delivered, int parity) {
        int last = -1;
        for (String s : delivered) {
            if (s.contains(":m")) {
                int n = Integer.parseInt(s.substring(s.indexOf(":m") + 2));
                if (n % 2 == parity) {
                    assertTrue(n > last, "out of order: " + delivered);
                    last = n;
                }
            }
        }
    }

    /** A member that dies (terminated, as by kill -9): the others stop counting its members, and its entries go. */
    @Test
    void presenceForgetsAMemberThatDies() throws Exception {
        Config config = HazelcastMember.tcp().host("127.0.0.1").ports(firstPort, firstPort + 3)
                .clusterName("relay-test-" + firstPort).joinSeconds(1).config();
        HazelcastInstance doomed = Hazelcast.newHazelcastInstance(config);
        HazelcastRelay watcher = HazelcastRelay.on(MEMBERS.get(0));
        HazelcastRelay dying = HazelcastRelay.on(doomed);
        try {
            watcher.start(new RecordingGroups());
            dying.start(new RecordingGroups());
            watcher.membersChanged("lobby", 1);
            dying.membersChanged("lobby", 4);
            assertTrue(await(() -> watcher.presence("lobby") == 5, 20), "presence " + watcher.presence("lobby"));
            String prefix = doomed.getCluster().getLocalMember().getUuid() + "/";
            doomed.getLifecycleService().terminate();
            assertTrue(await(() -> watcher.presence("lobby") == 1, 30), "presence " + watcher.presence("lobby"));
            assertTrue(await(() -> MEMBERS.get(1).<String, Integer>getMap("ondine.presence").keySet().stream()
                    .noneMatch(k -> k.startsWith(prefix)), 30), "the dead member's entries are removed");
        } finally {
            watcher.close();
            dying.close();
        }
    }

    @Test
    void aNodeThatFallsBehindLearnsHowManyItLost() throws Exception {
        RecordingGroups slow = new RecordingGroups();
        RecordingGroups other = new RecordingGroups();
        HazelcastRelay publisher = HazelcastRelay.on(MEMBERS.get(0));
        HazelcastRelay behind = HazelcastRelay.on(MEMBERS.get(1));
        try {
            publisher.start(other);
            behind.start(slow);
            behind.membersChanged("small", 1);
            assertTrue(await(() -> publisher.presence("small") == 1, 20));
            CountDownLatch hold = new CountDownLatch(1);
            slow.hold = hold;
            publisher.publish("small", text("m0"));
            Thread.sleep(300); // the reader now holds m0 in deliver
            int total = 200;
            for (int n = 1; n < total; n++) {
                publisher.publish("small", text("m" + n));
            }
            Thread.sleep(500); // all in the ring buffer of 16: the reader is far behind
            hold.countDown();
            slow.hold = null;
            assertTrue(await(() -> slow.delivered().contains("small:m" + (total - 1)), 20), slow.delivered().toString());
            List<String> got = slow.delivered();
            assertTrue(slow.lost() > 0, "no loss reported: " + got);
            assertEquals(total, got.size() + slow.lost(), "delivered " + got + " lost " + slow.lost());
            assertEquals(slow.lost(), behind.lostMessages());
            int last = -1;
            for (String s : got) {
                int n = Integer.parseInt(s.substring(s.indexOf(":m") + 2));
                assertTrue(n > last, "in order: " + got);
                last = n;
            }
        } finally {
            publisher.close();
            behind.close();
        }
    }

    @Test
    void clusterSpecs() {
        HazelcastMember.Builder b = HazelcastMember.cluster("127.0.0.1:5701-5703");
        Config c = b.config();
        assertEquals(5701, c.getNetworkConfig().getPort());
        assertEquals(3, c.getNetworkConfig().getPortCount());
        assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"),
                c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertTrue(!c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertEquals(1, HazelcastMember.cluster("[::1]:6000").config().getNetworkConfig().getPortCount());
        for (String bad : List.of("5701", "host:", "host:x", "host:5703-5701", "host:0", "host:1-70000", ":5701")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> HazelcastMember.cluster(bad), bad);
            assertTrue(e.getMessage().contains(bad) || e.getMessage().startsWith("Not a port"), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
    }
}
