package dev.ondine.impl.jakarta.it;

import dev.ondine.api.OndineServer;
import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.GroupRelay;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.broadcast.LocalGroups;
import dev.ondine.api.broadcast.Published;
import dev.ondine.impl.LogCapture;
import dev.ondine.impl.jakarta.broadcast.ContainerGroups;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups on the standalone server with Ondine's client: members joined in {@code onOpen},
 * publishes from an endpoint reaching every member in order, leaving by closing, the
 * javadoc's refusals, and a relay (a test one) that sees publishes and delivers messages.
 */
class BroadcastTest {

    /** Server-side sessions by the client's {@code id} query parameter. */
    static final Map<String, Session> SERVER_SESSIONS = new ConcurrentHashMap<>();

    @ServerEndpoint("/room/{name}")
    public static class Room {
        @OnOpen
        public void open(Session session, @PathParam("name") String name) throws Exception {
            Groups.of(session).group(name).join(session);
            List<String> id = session.getRequestParameterMap().get("id");
            if (id != null) {
                SERVER_SESSIONS.put(id.get(0), session);
            }
            session.getBasicRemote().sendText("joined " + name);
        }

        @OnMessage
        public String message(Session session, @PathParam("name") String name, String text) {
            Group room = Groups.of(session).group(name);
            if (text.startsWith("publish:")) {
                Published p = room.publish(text.substring("publish:".length()));
                return p.dropped() == 0 ? null : "dropped " + p.dropped();
            }
            if (text.startsWith("binary:")) {
                room.publish(ByteBuffer.wrap(text.substring("binary:".length()).getBytes(StandardCharsets.UTF_8)));
                return null;
            }
            if (text.equals("leave")) {
                return "left " + room.leave(session) + " " + room.leave(session);
            }
            if (text.equals("presence")) {
                return "presence " + room.presence() + " " + room.localMembers().size();
            }
            return "unknown " + text;
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(Room.class));

    private final List<EventClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (EventClient c : clients) {
            c.close();
        }
        Groups.of(SERVER.container()).relay(null);
    }

    private EventClient join(String room) throws Exception {
        return join(room, null);
    }

    private EventClient join(String room, String id) throws Exception {
        EventClient c = SERVER.connect("/room/" + room + (id == null ? "" : "?id=" + id));
        clients.add(c);
        assertEquals("joined " + room, c.nextText());
        return c;
    }

    private static Groups serverGroups() {
        return Groups.of(SERVER.container());
    }

    @Test
    void everyMemberReceivesEveryPublishInOrder() throws Exception {
        List<EventClient> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(join("order"));
        }
        EventClient outsider = join("elsewhere");
        for (int i = 0; i < 50; i++) {
            members.get(3).send("publish:m" + i);
        }
        for (EventClient m : members) {
            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i, m.nextText());
            }
        }
        members.get(0).send("binary:bytes");
        for (EventClient m : members) {
            assertEquals("bytes", EventClient.utf8(m.nextBinary()));
        }
        assertTrue(serverGroups().names().contains("order"));
        assertEquals(20, serverGroups().group("order").localMembers().size());
        assertEquals("presence 1 1", outsider.ask("presence"));
        assertTrue(outsider.texts.isEmpty());
    }

    @Test
    void aSessionLeavesByItselfWhenItCloses() throws Exception {
        EventClient a = join("leaving");
        EventClient b = join("leaving");
        assertEquals("presence 2 2", a.ask("presence"));
        b.close();
        Waits.until(() -> serverGroups().group("leaving").presence() == 1, "the closed member to leave");
        a.close();
        Waits.until(() -> !serverGroups().names().contains("leaving"), "the empty group to go");
        assertEquals(0, serverGroups().group("leaving").presence());
    }

    @Test
    void leaveSaysWhetherTheSessionWasAMember() throws Exception {
        EventClient a = join("explicit");
        assertEquals("left true false", a.ask("leave"));
        assertEquals("presence 0 0", a.ask("presence"));
        a.send("publish:nobody");
        assertEquals("presence 0 0", a.ask("presence")); // nothing arrived in between
    }

    @Test
    void joinRefusesAClosedSessionAndOneOfAnotherContainer() throws Exception {
        EventClient a = join("refusals", "closing-one");
        Session serverSide = SERVER_SESSIONS.get("closing-one");
        Group group = serverGroups().group("refusals");
        assertFalse(group.join(serverSide), "already a member");
        assertThrows(IllegalArgumentException.class, () -> group.join(a.session));
        a.close();
        Waits.until(() -> !serverSide.isOpen(), "the server session to close");
        assertThrows(IllegalStateException.class, () -> group.join(serverSide));
        assertEquals(0, group.presence());
    }

    @Test
    void theClientContainerHasGroupsToo() throws Exception {
        EventClient a = join("client-side");
        Groups clientGroups = Groups.of(a.session);
        assertSame(clientGroups, Groups.of(EventClient.CONTAINER));
        Group g = clientGroups.group("to-server");
        assertTrue(g.join(a.session));
        assertEquals(new Published(1, 0), g.publish("publish:from the client"));
        assertEquals("from the client", a.nextText());
        assertTrue(g.leave(a.session));
    }

    @Test
    void theRelaySeesPublishesAndCountsAndItsDeliveriesReachMembersOnly() throws Exception {
        EventClient a = join("relayed");
        TestRelay relay = new TestRelay();
        serverGroups().relay(relay);
        assertSame(relay, serverGroups().relay());
        assertEquals(List.of("relayed=1"), relay.counts, "the relay learns the members already here");
        assertEquals(42, serverGroups().group("relayed").presence(), "presence is the relay's");

        a.send("publish:hello");
        assertEquals("hello", a.nextText());
        GroupMessage out = Waits.next(relay.published, "a relayed publish");
        assertEquals("relayed", relay.groupOf.get(out));
        assertEquals("hello", new String(out.payload(), StandardCharsets.UTF_8));
        assertTrue(out.text());

        EventClient b = join("relayed");
        Waits.until(() -> relay.counts.contains("relayed=2"), "the relay to learn of the second member");
        Published delivered = relay.local.deliver("relayed", GroupMessage.ofText("from another node"));
        assertEquals(new Published(2, 0), delivered);
        assertEquals("from another node", a.nextText());
        assertEquals("from another node", b.nextText());
        assertNull(relay.published.poll(), "a delivered message is not relayed again");
        assertEquals(new Published(0, 0), relay.local.deliver("nobody-here", GroupMessage.ofText("x")));

        b.close();
        Waits.until(() -> relay.counts.contains("relayed=1") && relay.counts.lastIndexOf("relayed=1") > 0,
                "the relay to learn that a member left");
        TestRelay next = new TestRelay();
        serverGroups().relay(next);
        assertTrue(relay.closed, "a replaced relay is closed");
        serverGroups().relay(null);
        assertTrue(next.closed);
        assertEquals(1, serverGroups().group("relayed").presence(), "alone again: the local count");
    }

    @Test
    void lostMessagesAreCountedAndLoggedAtMostOnceAnInterval() throws Exception {
        TestRelay relay = new TestRelay();
        serverGroups().relay(relay);
        long before = SERVER.server().metrics().broadcastsLostByRelay();
        try (LogCapture log = LogCapture.quiet(ContainerGroups.class)) {
            relay.local.lost("room-a", 5);
            relay.local.lost("room-b", 2);
            relay.local.lost("room-a", 1);
            List<String> lines = log.messagesAt(Level.INFO);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("Broadcast messages the relay lost at /, by group: 5 in the last"),
                    lines.get(0));
        }
        assertEquals(before + 8, SERVER.server().metrics().broadcastsLostByRelay());
    }

    @Test
    void stoppingTheServerClosesItsRelay() throws Exception {
        OndineServer own = RunningServer.start(b -> b.endpoint(Room.class));
        TestRelay relay = new TestRelay();
        Groups.of(own.container()).relay(relay);
        try (EventClient member = EventClient.connect(RunningServer.uri(own, "/room/stopping"))) {
            assertEquals("joined stopping", member.nextText());
            Waits.until(() -> relay.counts.contains("stopping=1"), "the relay to learn of the member");
            own.stop();
            assertTrue(relay.closed);
            assertNull(Groups.of(own.container()).relay());
            assertEquals(1001, member.nextClose().getCloseCode().getCode());
        }
    }

    /** A relay that records what it is told. */
    static final class TestRelay implements GroupRelay {
        final BlockingQueue<GroupMessage> published = new LinkedBlockingQueue<>();
        final Map<GroupMessage, String> groupOf = new ConcurrentHashMap<>();
        final List<String> counts = new CopyOnWriteArrayList<>();
        volatile LocalGroups local;
        volatile boolean closed;

        @Override
        public void start(LocalGroups local) {
            this.local = local;
        }

        @Override
        public void publish(String group, GroupMessage message) {
            groupOf.put(message, group);
            published.add(message);
        }

        @Override
        public void membersChanged(String group, int localMembers) {
            counts.add(group + "=" + localMembers);
        }

        @Override
        public long presence(String group) {
            return 42;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
