package dev.ondine.impl.jakarta.client;

import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client sessions over their life: the container's defaults at creation, the limits they
 * set, a close that comes from the server, and many sessions of one container at once.
 */
class ClientSessionLifecycleTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();
    private final OndineClientContainer container = OndineClients.newContainer();

    @Test
    void newSessionsTakeTheContainersDefaults() throws Exception {
        assertEquals(0, container.getDefaultAsyncSendTimeout(), "no async send timeout by default");
        container.setDefaultMaxTextMessageBufferSize(1000);
        container.setDefaultMaxBinaryMessageBufferSize(2000);
        container.setDefaultMaxSessionIdleTimeout(60_000);
        container.setAsyncSendTimeout(1234);
        assertEquals(1000, container.getDefaultMaxTextMessageBufferSize());
        assertEquals(2000, container.getDefaultMaxBinaryMessageBufferSize());
        assertEquals(60_000, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(1234, container.getDefaultAsyncSendTimeout());

        Session session = open(new RecordingEndpoint(new Events()));
        assertEquals(1000, session.getMaxTextMessageBufferSize());
        assertEquals(2000, session.getMaxBinaryMessageBufferSize());
        assertEquals(60_000, session.getMaxIdleTimeout());
        assertEquals(1234, session.getAsyncRemote().getSendTimeout());

        // Later changes to the container concern later sessions only.
        container.setDefaultMaxTextMessageBufferSize(3000);
        container.setAsyncSendTimeout(-1);
        assertEquals(1000, session.getMaxTextMessageBufferSize());
        assertEquals(1234, session.getAsyncRemote().getSendTimeout());
        Session later = open(new RecordingEndpoint(new Events()));
        assertEquals(3000, later.getMaxTextMessageBufferSize());
        assertEquals(-1, later.getAsyncRemote().getSendTimeout());
        session.close();
        later.close();
    }

    @Test
    void theDefaultTextLimitClosesWith1009() throws Exception {
        container.setDefaultMaxTextMessageBufferSize(1000);
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session = open(endpoint);
        assertEquals("open", endpoint.events.next());
        session.getBasicRemote().sendText("x".repeat(999));
        assertEquals(999, endpoint.events.next(String.class).length());
        session.getBasicRemote().sendText("y".repeat(2000)); // the echo is too big for this client
        Object event = endpoint.events.next();
        if (event instanceof Throwable) {
            // onError may report the limit first (Jakarta WebSocket 2.2 leaves it open).
            assertTrue(String.valueOf(((Throwable) event).getMessage()).contains("1000"), event.toString());
            event = endpoint.events.next();
        }
        CloseReason reason = (CloseReason) event;
        assertEquals(1009, reason.getCloseCode().getCode());
        awaitClosed(session);
    }

    @Test
    void theDefaultIdleTimeoutClosesAQuietSession() throws Exception {
        container.setDefaultMaxSessionIdleTimeout(300);
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session = open(endpoint);
        assertEquals(300, session.getMaxIdleTimeout());
        assertEquals("open", endpoint.events.next());
        long start = System.nanoTime();
        CloseReason reason = endpoint.events.next(CloseReason.class);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Jakarta WebSocket 2.2 §2.1.5: the side that timed the session out reports 1006.
        assertEquals(1006, reason.getCloseCode().getCode());
        assertTrue(elapsed < 5_000, "closed after " + elapsed + " ms");
    }

    @Test
    void aServerThatStopsClosesItsClientsWith1001() throws Exception {
        OndineServer own = OndineServer.builder().port(0).endpoint(ServerEndpoints.Echo.class).start();
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session;
        try {
            session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + own.address().getPort() + "/echo"));
            assertEquals("open", endpoint.events.next());
        } finally {
            own.stop();
        }
        CloseReason reason = endpoint.events.next(CloseReason.class);
        assertEquals(1001, reason.getCloseCode().getCode());
        awaitClosed(session);
    }

    @Test
    void oneContainerHoldsTwoHundredSessionsAtOnce() throws Exception {
        int n = 200;
        List<RecordingEndpoint> endpoints = new ArrayList<>();
        List<Future<Session>> opening = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            for (int i = 0; i < n; i++) {
                RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
                endpoints.add(endpoint);
                opening.add(callers.submit(() -> open(endpoint)));
            }
            List<Session> sessions = new ArrayList<>();
            for (Future<Session> f : opening) {
                sessions.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(n, sessions.get(0).getOpenSessions().size(), "the container's open sessions");
            for (int i = 0; i < n; i++) {
                sessions.get(i).getAsyncRemote().sendText("message " + i);
            }
            for (int i = 0; i < n; i++) {
                assertEquals("open", endpoints.get(i).events.next());
                assertEquals("message " + i, endpoints.get(i).events.next());
            }
            for (Session s : sessions) {
                s.close();
            }
            for (RecordingEndpoint e : endpoints) {
                assertEquals(1000, e.events.next(CloseReason.class).getCloseCode().getCode());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private Session open(RecordingEndpoint endpoint) throws Exception {
        return container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
    }

    /**
     * The endpoint records the close inside its onClose; the session stays open until onClose
     * has returned (design.md, decisions), so it turns closed a moment after the record.
     */
    private static void awaitClosed(Session session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.isOpen()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the session is still open 10 s after its onClose");
            }
            Thread.sleep(5);
        }
    }
}
