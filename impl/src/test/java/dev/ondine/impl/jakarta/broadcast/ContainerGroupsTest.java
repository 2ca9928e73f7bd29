package dev.ondine.impl.jakarta.broadcast;

import dev.ondine.api.Limits;
import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.GroupRelay;
import dev.ondine.api.broadcast.LocalGroups;
import dev.ondine.api.broadcast.Published;
import dev.ondine.impl.core.NoOpTransport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container's groups with sessions over transports that take every byte: membership from
 * many threads while sessions end, with the relay told every count in order.
 */
class ContainerGroupsTest {
    private static final Limits LIMITS = Limits.builder().idleTimeoutMillis(0).build();

    private final ExecutorService pool = DispatchExecutors.create("groups-test");
    private final OndineServerContainer container = new OndineServerContainer(LIMITS, pool, null);
    private final SessionRegistry registry = new SessionRegistry();
    private final AtomicLong bytes = new AtomicLong();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A transport that takes every byte and ends the connection when closed. */
    private final class Wire extends NoOpTransport {
        WebSocketConnection connection;
        private boolean closed;

        @Override
        public long write(ByteBuffer[] buffers, int offset, int length) {
            long n = takeAll(buffers, offset, length);
            bytes.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            connection.onTransportClosed(null);
        }
    }

    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private OndineSession open() throws Exception {
        OndineSession session = new OndineSession(new SessionContext(new Quiet(),
                ServerEndpointConfig.Builder.create(Quiet.class, "/g").build(),
                new SessionContext.Request(URI.create("ws://127.0.0.1/g"), false, null, null, null),
                new SessionContext.Negotiated("", null), SessionContext.InitialLimits.from(LIMITS),
                new SessionContext.Owner(container, registry, pool)));
        Wire wire = new Wire();
        wire.connection = new WebSocketConnection(Role.SERVER, wire, session, Upgrade.connectionLimits(LIMITS), null,
                null);
        wire.connection.start();
        return session;
    }

    private static void end(OndineSession s) {
        s.connection().abort();
    }

    @Test
    void membershipFromManyThreadsWhileSessionsEndLeavesNothingBehind() throws Exception {
        ContainerGroups groups = container.groups();
        CountingRelay relay = new CountingRelay();
        groups.relay(relay);
        List<OndineSession> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sessions.add(open());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            work.add(threads.submit(() -> {
                Random random = new Random(seed);
                go.await();
                for (int i = 0; i < 2_000; i++) {
                    OndineSession s = sessions.get(random.nextInt(sessions.size()));
                    Group g = groups.group("g" + random.nextInt(5));
                    try {
                        if (random.nextBoolean()) {
                            g.join(s);
                        } else {
                            g.leave(s);
                        }
                    } catch (IllegalStateException ended) {
                        // the session ended meanwhile: refused, as the javadoc says
                    }
                    if (i % 100 == 0) {
                        g.publish("tick");
                    }
                }
                return null;
            }));
        }
        work.add(threads.submit(() -> {
            go.await();
            for (int i = 0; i < sessions.size(); i += 2) {
                end(sessions.get(i)); // half the sessions end while the others join and leave
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        for (int g = 0; g < 5; g++) {
            Group group = groups.group("g" + g);
            for (Session member : group.localMembers()) {
                assertTrue(((OndineSession) member).connection().isOpen(), "an ended session stayed in " + group);
            }
            int local = group.localMembers().size();
            assertEquals(local, relay.last.getOrDefault(group.name(), 0), "the relay's last count is the true one");
        }
        for (OndineSession s : sessions) {
            end(s);
        }
        assertTrue(groups.names().isEmpty(), "every group went with its last member: " + groups.names());
        for (int g = 0; g < 5; g++) {
            assertEquals(0, relay.last.getOrDefault("g" + g, 0));
        }
    }

    @Test
    void aSessionOfAnotherContainerIsRefused() throws Exception {
        OndineSession s = open();
        OndineServerContainer other = new OndineServerContainer(LIMITS, pool, null);
        assertThrows(IllegalArgumentException.class, () -> other.groups().group("x").join(s));
        assertThrows(IllegalArgumentException.class, () -> container.groups().group("x").join(null));
        end(s);
        assertThrows(IllegalStateException.class, () -> container.groups().group("x").join(s));
        assertEquals(new Published(0, 0), container.groups().group("x").publish("nobody"));
    }

    @Test
    void aClosingMemberIsCountedAsDropped() throws Exception {
        OndineSession a = open();
        OndineSession b = open();
        Group g = container.groups().group("room");
        g.join(a);
        g.join(b);
        b.connection().close(1000, "leaving"); // closing: our close frame is out, the transport not ended yet
        assertEquals(new Published(1, 1), g.publish("hi"));
        assertEquals(1, container.groups().published());
    }

    @Test
    void handlesOfOneGroupAreEqualAndAFailingRelayLeavesTheLocalAnswers() throws Exception {
        ContainerGroups groups = container.groups();
        assertEquals(groups.group("a"), groups.group("a"));
        assertEquals(groups.group("a").hashCode(), groups.group("a").hashCode());
        assertTrue(!groups.group("a").equals(groups.group("b")));
        OndineSession s = open();
        groups.group("a").join(s);
        groups.relay(new CountingRelay() {
            @Override
            public long presence(String group) {
                throw new IllegalStateException("cluster down");
            }

            @Override
            public void publish(String group, GroupMessage message) {
                throw new IllegalStateException("cluster down");
            }
        });
        assertEquals(1, groups.group("a").presence(), "the local count");
        assertEquals(new Published(1, 0), groups.group("a").publish("still here"), "delivered here all the same");
        groups.relay(null);
    }

    /** Keeps the last count it was told per group: told in order, it ends on the true count. */
    static class CountingRelay implements GroupRelay {
        final Map<String, Integer> last = new ConcurrentHashMap<>();

        @Override
        public void start(LocalGroups local) {
        }

        @Override
        public void publish(String group, GroupMessage message) {
        }

        @Override
        public void membersChanged(String group, int localMembers) {
            last.put(group, localMembers);
        }

        @Override
        public long presence(String group) {
            return last.getOrDefault(group, 0);
        }

        @Override
        public void close() {
        }
    }
}
