package dev.ondine.impl.standalone;

import dev.ondine.api.OnReadingThread;
import dev.ondine.api.OndineServer;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.impl.LogCapture;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.session.ReadingThreadEndpoint;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoints on the reading thread ({@link OnReadingThread}) on the standalone server, with the
 * JDK's client: annotated and programmatic endpoints answer from the selector thread; one
 * that sleeps there is reported by name and counted, stalls the other connections of its
 * selector while it sleeps (the watchdog cannot prevent that), and runs on the pool afterwards.
 */
class ReadingThreadEndToEndTest {

    /** Answers with the name of the thread that ran it. */
    @OnReadingThread
    @ServerEndpoint("/annotated")
    public static class AnnotatedEcho {
        @OnMessage
        public String echo(String message) {
            return message + " " + Thread.currentThread().getName();
        }
    }

    /** The same, programmatic, sending with the blocking remote; opted in by its configuration. */
    public static class ProgrammaticEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                try {
                    session.getBasicRemote().sendText(message + " " + Thread.currentThread().getName());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @ServerEndpoint("/pooled")
    public static class PooledEcho {
        @OnMessage
        public String echo(String message) {
            return message + " " + Thread.currentThread().getName();
        }
    }

    /** Breaks the rule: sleeps half a second on the reading thread. */
    @OnReadingThread
    @ServerEndpoint("/sleepy")
    public static class Sleepy {
        @OnMessage
        public String sleep(String message) throws InterruptedException {
            Thread.sleep(500);
            return "slept " + Thread.currentThread().getName();
        }
    }

    /** A client endpoint on the client's reading thread: notes where each message arrived. */
    @OnReadingThread
    @ClientEndpoint
    public static class ClientOnReadingThread {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String message, Session session) throws IOException {
            received.add(message + " @" + Thread.currentThread().getName());
            if (message.startsWith("again")) {
                session.getBasicRemote().sendText("done"); // returns once queued, from the client's selector
            }
        }
    }

    private static ServerEndpointConfig programmatic() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ProgrammaticEcho.class, "/programmatic").build();
        config.getUserProperties().put(OnReadingThread.PROPERTY, "true");
        return config;
    }

    private record Client(WebSocket socket, BlockingQueue<String> received) {
        String ask(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
            String reply = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(reply, "no reply to " + text);
            return reply;
        }
    }

    private static Client connect(HttpClient http, OndineServer server, String path, BlockingQueue<String> events,
                                  String tag) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + server.address().getPort() + path), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        if (events != null) {
                            events.add(tag + ": " + data);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        return new Client(ws, received);
    }

    @Test
    void annotatedAndProgrammaticEndpointsAnswerFromTheSelectorThread() throws Exception {
        try (OndineServer server = OndineServer.builder().port(0)
                .endpoint(AnnotatedEcho.class, PooledEcho.class).endpoint(programmatic()).start()) {
            HttpClient http = HttpClient.newHttpClient();
            Client annotated = connect(http, server, "/annotated", null, null);
            Client programmatic = connect(http, server, "/programmatic", null, null);
            Client pooled = connect(http, server, "/pooled", null, null);
            for (int i = 0; i < 20; i++) {
                assertTrue(annotated.ask("a" + i).startsWith("a" + i + " ondine-nio-"));
                assertTrue(programmatic.ask("p" + i).startsWith("p" + i + " ondine-nio-"));
                String fromPool = pooled.ask("x" + i);
                assertTrue(fromPool.startsWith("x" + i + " ") && !fromPool.contains("ondine-nio-"), fromPool);
            }
            // Pipelined: order kept, every reply from the selector.
            for (int i = 0; i < 50; i++) {
                annotated.socket().sendText("m" + i, true).get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 50; i++) {
                String reply = annotated.received().poll(10, TimeUnit.SECONDS);
                assertNotNull(reply);
                assertTrue(reply.startsWith("m" + i + " ondine-nio-"), reply);
            }
            for (EndpointMetrics e : server.metrics().endpoints()) {
                assertEquals(0, e.readingThreadBlocked(), e.path());
            }
            annotated.socket().sendClose(1000, "").get(5, TimeUnit.SECONDS);
            programmatic.socket().sendClose(1000, "").get(5, TimeUnit.SECONDS);
            pooled.socket().sendClose(1000, "").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientEndpointRunsOnTheClientsReadingThread() throws Exception {
        try (OndineServer server = OndineServer.builder().port(0).endpoint(PooledEcho.class).start()) {
            ClientOnReadingThread endpoint = new ClientOnReadingThread();
            Session session = OndineClients.newContainer().connectToServer(endpoint,
                    URI.create("ws://127.0.0.1:" + server.address().getPort() + "/pooled"));
            session.getBasicRemote().sendText("again");
            String first = endpoint.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertTrue(first.startsWith("again ") && first.contains(" @ondine-client-"), first);
            String second = endpoint.received.poll(10, TimeUnit.SECONDS); // the echo of the send made there
            assertNotNull(second);
            assertTrue(second.startsWith("done ") && second.contains(" @ondine-client-"), second);
            session.close();
        }
    }

    @Test
    void anEndpointThatSleepsOnTheReadingThreadIsReportedCountedAndMovedToThePool() throws Exception {
        try (LogCapture log = LogCapture.quiet(ReadingThreadEndpoint.class);
             OndineServer server = OndineServer.builder().port(0).selectorThreads(1)
                     .endpoint(Sleepy.class, PooledEcho.class).start()) {
            HttpClient http = HttpClient.newHttpClient();
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            Client sleepy = connect(http, server, "/sleepy", events, "sleepy");
            Client other = connect(http, server, "/pooled", events, "other"); // same selector: there is one

            // 1. On the reading thread: the sleep holds the selector, so the other connection,
            // whose endpoint is pooled, waits for its echo until the sleep ends.
            sleepy.socket().sendText("sleep", true).get(5, TimeUnit.SECONDS);
            Thread.sleep(100);
            long sent = System.nanoTime();
            other.socket().sendText("ping", true).get(5, TimeUnit.SECONDS);
            String echo = other.received().poll(10, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertNotNull(echo);
            assertTrue(waitedMillis >= 300, "the other connection's echo waited for the sleep: " + waitedMillis + " ms");
            String slept = sleepy.received().poll(10, TimeUnit.SECONDS);
            assertNotNull(slept);
            assertTrue(slept.startsWith("slept ondine-nio-"), slept);

            // 2. Reported by name, counted in the metrics and by JMX.
            EndpointMetrics metrics = server.metrics().endpoints().stream()
                    .filter(e -> e.path().equals("/sleepy")).findFirst().orElseThrow();
            StandaloneMetricsTest.await(() -> metrics.readingThreadBlocked() == 1, "the stall counted");
            List<LogRecord> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), LogCapture.describe(warnings));
            String message = warnings.get(0).getMessage();
            assertTrue(message.contains(Sleepy.class.getName() + " at /sleepy"), message);
            assertTrue(message.contains("ondine-nio-"), message);
            assertEquals(1L, server.metrics().totals().readingThreadBlocked());
            ObjectName app = ((StandaloneServer) server).publishedMetrics().applicationName();
            ObjectName endpointName = new ObjectName("dev.ondine:type=Endpoint,application="
                    + app.getKeyProperty("application") + ",endpoint=" + ObjectName.quote("/sleepy"));
            assertEquals(1L, ManagementFactory.getPlatformMBeanServer().getAttribute(endpointName, "ReadingThreadBlocked"));
            for (EndpointMetrics e : server.metrics().endpoints()) {
                if (!e.path().equals("/sleepy")) {
                    assertEquals(0, e.readingThreadBlocked(), e.path());
                }
            }

            // 3. From now on the endpoint runs on the pool: its next sleep stalls nobody.
            events.clear();
            sleepy.socket().sendText("sleep", true).get(5, TimeUnit.SECONDS);
            Thread.sleep(50);
            other.socket().sendText("ping", true).get(5, TimeUnit.SECONDS);
            String first = events.poll(10, TimeUnit.SECONDS);
            String second = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertNotNull(second);
            assertTrue(first.startsWith("other: ping"), "the echo came before the sleeper's answer: " + first + ", " + second);
            assertTrue(second.startsWith("sleepy: slept ") && !second.contains("ondine-nio-"), second);
            assertEquals(1, metrics.readingThreadBlocked(), "a sleep on the pool is not a stall");
            assertFalse(log.atLeast(Level.WARNING).size() > 1);
        }
    }
}
