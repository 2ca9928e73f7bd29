package dev.ondine.impl.jakarta.client;

import dev.ondine.api.HandshakeRejection;
import dev.ondine.api.OndineServer;
import dev.ondine.api.client.Disconnect;
import dev.ondine.api.client.OndineClient;
import dev.ondine.api.client.ReconnectDecider;
import dev.ondine.api.client.ReconnectPolicy;
import dev.ondine.api.client.Reconnecting;
import dev.ondine.api.client.Reconnecting.State;
import dev.ondine.api.client.Reconnecting.Status;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.testsupport.FreePorts;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OndineClient#reconnect} end to end against Ondine's standalone server: a restart on
 * the same port (the endpoint gets onClose, then onOpen with a new session), the decisions on
 * close codes and refused handshakes, the attempt cap, and stop.
 */
class ReconnectTest {
    /** Small delays so that a test takes well under a second of waiting. */
    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(200)).build();

    private final OndineClient client = OndineClient.of(OndineClients.newContainer());
    private final List<OndineServer> servers = new ArrayList<>();
    private final List<Reconnecting> connections = new ArrayList<>();

    /** Echoes; "close N" closes with code N. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String message(String text, Session session) throws IOException {
            if (text.startsWith("close ")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(text.substring(6))), "asked"));
                return null;
            }
            return text;
        }
    }

    /** Refuses every handshake with 503 and Retry-After: 1. */
    @ServerEndpoint(value = "/busy", configurator = Busy.Refuse.class)
    public static class Busy {
        public static class Refuse extends ServerEndpointConfig.Configurator {
            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
                throw new HandshakeRejection(503, "busy").withHeader("Retry-After", "1");
            }
        }
    }

    @AfterEach
    void stopAll() {
        connections.forEach(Reconnecting::stop);
        servers.forEach(OndineServer::stop);
    }

    private OndineServer start(int port) throws Exception {
        OndineServer s = OndineServer.builder().host("127.0.0.1").port(port).endpoint(Echo.class, Busy.class).start();
        servers.add(s);
        return s;
    }

    private Reconnecting reconnect(RecordingEndpoint endpoint, URI uri, ReconnectPolicy policy, Statuses statuses) {
        Reconnecting r = client.reconnect(endpoint, null, uri, policy);
        connections.add(r);
        r.onStatus(statuses::add);
        return r;
    }

    @Test
    void aServerRestartOnTheSamePortBringsANewSessionAndOnOpenAgain() throws Exception {
        OndineServer first = start(0);
        int port = first.address().getPort();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/echo");
        Events events = new Events();
        Statuses statuses = new Statuses();
        Reconnecting r = reconnect(new RecordingEndpoint(events), uri, FAST, statuses);

        Status open = statuses.await(s -> s.state() == State.OPEN);
        assertEquals("open", events.next());
        Session firstSession = open.session();
        firstSession.getBasicRemote().sendText("one");
        assertEquals("one", events.next());

        first.stop();
        assertEquals(1001, events.next(CloseReason.class).getCloseCode().getCode(), "the stopping server says going away");
        Status waiting = statuses.await(s -> s.state() == State.WAITING);
        assertEquals(Disconnect.Kind.CLOSED, waiting.lastDisconnect().kind());
        assertEquals(1, waiting.attempt());
        // Attempts fail while the server is away (connection refused), each one counted.
        Status retrying = statuses.await(s -> s.state() == State.WAITING && s.attempt() >= 3);
        assertEquals(Disconnect.Kind.CONNECT_FAILED, retrying.lastDisconnect().kind());

        start(port);
        Status again = statuses.await(s -> s.state() == State.OPEN);
        assertEquals("open", events.next(), "onOpen again");
        assertNotSame(firstSession, again.session(), "a new session");
        assertEquals(2, again.opens());
        assertEquals(0, again.attempt());
        again.session().getBasicRemote().sendText("two");
        assertEquals("two", events.next());

        r.stop();
        Status stopped = r.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(State.STOPPED, stopped.state());
        assertEquals(1000, events.next(CloseReason.class).getCloseCode().getCode(), "stop closes normally");
        assertNull(r.session());
    }

    @Test
    void closeCodesDecide1011ReconnectsAnd1000Stops() throws Exception {
        OndineServer s = start(0);
        URI uri = URI.create("ws://127.0.0.1:" + s.address().getPort() + "/echo");
        Events events = new Events();
        Statuses statuses = new Statuses();
        Reconnecting r = reconnect(new RecordingEndpoint(events), uri, FAST, statuses);
        statuses.await(st -> st.state() == State.OPEN).session().getBasicRemote().sendText("close 1011");
        assertEquals("open", events.next());
        assertEquals(1011, events.next(CloseReason.class).getCloseCode().getCode());
        Status reopened = statuses.await(st -> st.state() == State.OPEN && st.opens() == 2);
        assertEquals("open", events.next());
        reopened.session().getBasicRemote().sendText("close 1000");
        Status stopped = r.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(1000, stopped.lastDisconnect().closeCode(), "a normal close ends reconnecting");
        assertEquals(2, stopped.opens());
    }

    @Test
    void aRefusedHandshakeStopsWithItsStatus() throws Exception {
        OndineServer s = start(0);
        Statuses statuses = new Statuses();
        Reconnecting r = reconnect(new RecordingEndpoint(new Events()),
                URI.create("ws://127.0.0.1:" + s.address().getPort() + "/nowhere"), FAST, statuses);
        Status stopped = r.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(Disconnect.Kind.HANDSHAKE_REFUSED, stopped.lastDisconnect().kind());
        assertEquals(404, stopped.lastDisconnect().status());
        assertEquals(0, stopped.opens());
    }

    @Test
    void aRefusalWithRetryAfterWaitsAsLongAsItAsks() throws Exception {
        OndineServer s = start(0);
        Statuses statuses = new Statuses();
        reconnect(new RecordingEndpoint(new Events()),
                URI.create("ws://127.0.0.1:" + s.address().getPort() + "/busy"), FAST, statuses);
        Status waiting = statuses.await(st -> st.state() == State.WAITING);
        assertEquals(503, waiting.lastDisconnect().status());
        assertEquals(Duration.ofSeconds(1), waiting.lastDisconnect().retryAfter());
        assertEquals(Duration.ofSeconds(1), waiting.delay(), "Retry-After, longer than the backoff (20 ms)");
    }

    @Test
    void theDeciderSeesEachFailureAndTheCapEndsIt() throws Exception {
        int closedPort = FreePorts.closed();
        List<String> asked = new CopyOnWriteArrayList<>();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20))
                .maxAttempts(3)
                .decider((why, attempt, backoff) -> {
                    asked.add(why.kind() + "#" + attempt);
                    return Optional.of(backoff);
                }).build();
        Statuses statuses = new Statuses();
        Reconnecting r = reconnect(new RecordingEndpoint(new Events()),
                URI.create("ws://127.0.0.1:" + closedPort + "/"), policy, statuses);
        Status stopped = r.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("CONNECT_FAILED#1", "CONNECT_FAILED#2", "CONNECT_FAILED#3"), asked,
                "the first connect and three retries failed; past the cap the decider is not asked");
        assertEquals(4, stopped.attempt());
        assertTrue(stopped.lastDisconnect().failure() instanceof IOException, String.valueOf(stopped.lastDisconnect()));
    }

    @Test
    void aDeciderMayStopAndStopCallsOffAWaitingAttempt() throws Exception {
        int closedPort = FreePorts.closed();
        ReconnectPolicy slow = ReconnectPolicy.builder().initialDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1))
                .jitter(0).build();
        Statuses statuses = new Statuses();
        Reconnecting r = reconnect(new RecordingEndpoint(new Events()),
                URI.create("ws://127.0.0.1:" + closedPort + "/"), slow, statuses);
        Status waiting = statuses.await(s -> s.state() == State.WAITING);
        assertEquals(Duration.ofMinutes(1), waiting.delay());
        r.stop();
        assertEquals(State.STOPPED, r.stopped().get(5, TimeUnit.SECONDS).state());

        ReconnectPolicy never = ReconnectPolicy.builder().decider((why, attempt, backoff) -> Optional.empty()).build();
        Reconnecting once = reconnect(new RecordingEndpoint(new Events()),
                URI.create("ws://127.0.0.1:" + closedPort + "/"), never, new Statuses());
        Status stopped = once.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(1, stopped.attempt());
        assertEquals(Disconnect.Kind.CONNECT_FAILED, stopped.lastDisconnect().kind());
    }

    @Test
    void stopAbandonsAnAttemptUnderWay() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Statuses statuses = new Statuses();
            Reconnecting r = reconnect(new RecordingEndpoint(new Events()),
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"), FAST, statuses);
            silent.setSoTimeout(10_000);
            try (Socket socket = silent.accept()) {
                assertEquals(State.CONNECTING, r.status().state(), "the server never answers the handshake");
                r.stop();
                Status stopped = r.stopped().get(5, TimeUnit.SECONDS);
                assertNull(stopped.lastDisconnect(), "nothing failed: the attempt was called off");
                assertEquals(0, stopped.opens());
                socket.setSoTimeout(5_000);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // the upgrade request, then the end of stream: the attempt's socket is closed
                }
            }
        }
    }

    @Test
    void theDefaultDeciderIsTransient() {
        assertEquals(ReconnectDecider.TRANSIENT, ReconnectPolicy.defaults().decider());
    }

    /** The statuses a listener saw, in order. */
    static final class Statuses {
        private final BlockingQueue<Status> seen = new LinkedBlockingQueue<>();
        private final List<Status> all = new CopyOnWriteArrayList<>();

        void add(Status s) {
            all.add(s);
            seen.add(s);
        }

        /** The next status seen that matches, within 10 s. */
        Status await(Predicate<Status> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Status s = seen.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(s, "no such status within 10 s; seen: " + all);
                if (wanted.test(s)) {
                    return s;
                }
            }
        }
    }
}
