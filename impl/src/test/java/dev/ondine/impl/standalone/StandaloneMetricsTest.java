package dev.ondine.impl.standalone;

import dev.ondine.api.HttpGetHandler;
import dev.ondine.api.OndineServer;
import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.api.metrics.OndineMetrics;
import dev.ondine.impl.transport.nio.RawClient;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone server's figures: moved by a real client (the JDK's), read through
 * {@link OndineServer#metrics()} and the platform MBean server, taken back at stop; and the
 * builder's HTTP GET handlers.
 */
class StandaloneMetricsTest {

    @ServerEndpoint("/echo/{room}")
    public static class Echo {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** Waits up to 10 s for {@code condition}. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static long count(TabularData table, int key) {
        CompositeData row = table.get(new Object[] {key});
        return row == null ? 0 : (Long) row.get("value");
    }

    @Test
    void aClientMovesTheCountersWhichJmxShowsUntilTheServerStops() throws Exception {
        OndineServer server = OndineServer.builder().port(0).endpoint(Echo.class).start();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName applicationName = ((StandaloneServer) server).publishedMetrics().applicationName();
        String key = applicationName.getKeyProperty("application");
        ObjectName endpointName = new ObjectName("dev.ondine:type=Endpoint,application=" + key + ",endpoint="
                + ObjectName.quote("/echo/{room}"));
        try {
            ApplicationMetrics app = server.metrics();
            assertTrue(OndineMetrics.applications().contains(app));
            assertTrue(jmx.isRegistered(endpointName), endpointName.toString());
            EndpointMetrics echo = app.endpoints().get(0);
            assertEquals("/echo/{room}", echo.path());

            String base = "ws://127.0.0.1:" + server.address().getPort();
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            HttpClient http = HttpClient.newHttpClient();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(base + "/echo/lobby"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    webSocket.request(1);
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
                assertEquals("hello", received.poll(5, TimeUnit.SECONDS));
            }
            // The figures move just after the work they count: a reply may reach the client first.
            await(() -> echo.textMessagesReceived() == 3 && echo.textMessagesSent() == 3
                    && echo.wireBytesSent() >= 3 * (2 + 5), "three echoes counted");
            assertEquals(1, echo.sessionsOpen());
            assertEquals(1, echo.sessionsOpened());
            assertEquals(15, echo.textBytesReceived());
            assertEquals(15, echo.textBytesSent());
            assertTrue(echo.wireBytesReceived() >= 3 * (6 + 5), "masked client frames: " + echo.wireBytesReceived());
            assertTrue(echo.wireBytesSent() >= 3 * (2 + 5), "server frames: " + echo.wireBytesSent());
            assertEquals(Map.of(101, 1L), echo.handshakes());
            assertEquals(0, echo.outgoingQueueBytes());
            assertEquals(0, echo.peersPausedBacklogFull());

            assertEquals(3L, jmx.getAttribute(endpointName, "TextMessagesReceived"));
            assertEquals(1L, jmx.getAttribute(applicationName, "SessionsOpen"));
            assertEquals(1L, count((TabularData) jmx.getAttribute(applicationName, "Handshakes"), 101));

            // A path with no endpoint: counted by the application.
            CompletableFuture<WebSocket> refused = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base + "/nowhere"), new WebSocket.Listener() { });
            assertTrue(assertFails(refused));
            assertEquals(Map.of(404, 1L), app.handshakesWithoutEndpoint());
            assertEquals(1L, count((TabularData) jmx.getAttribute(applicationName, "Handshakes"), 404));

            ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
            await(() -> echo.sessionsOpen() == 0, "the session closed");
            assertEquals(Map.of(1000, 1L), echo.closes());
            assertEquals(3, echo.textMessagesReceived(), "the close discards no message it would count");
            assertEquals(0, echo.binaryMessagesReceived());
            assertEquals(1L, count((TabularData) jmx.getAttribute(endpointName, "Closes"), 1000));
        } finally {
            server.stop();
        }
        assertFalse(jmx.isRegistered(applicationName));
        assertFalse(jmx.isRegistered(endpointName));
        assertFalse(OndineMetrics.applications().contains(server.metrics()));
    }

    private static boolean assertFails(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void twoServersInOneJvmGetTwoApplicationNames() throws Exception {
        try (OndineServer a = OndineServer.builder().port(0).endpoint(Echo.class).start();
             OndineServer b = OndineServer.builder().port(0).endpoint(Echo.class).start()) {
            ObjectName first = ((StandaloneServer) a).publishedMetrics().applicationName();
            ObjectName second = ((StandaloneServer) b).publishedMetrics().applicationName();
            assertFalse(first.equals(second));
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(second));
        }
    }

    @Test
    void anHttpGetHandlerAnswersItsPathAndLeavesTheRest() throws Exception {
        try (OndineServer server = OndineServer.builder().port(0).endpoint(Echo.class)
                .httpGet("/hello", target -> HttpGetHandler.Response.text(200, "text/plain; charset=utf-8",
                        "hello " + target))
                .start()) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/hello?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("hello /hello?x=1", ok.body());
            assertEquals("text/plain; charset=utf-8", ok.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(other.statusCode() >= 400, "no handler, no static files: " + other.statusCode());
        }
    }

    /** Sends a raw request head and returns the status code of the answer. */
    private static int statusOf(OndineServer server, String head) throws Exception {
        try (RawClient client = new RawClient(server.address())) {
            client.send(head);
            return Integer.parseInt(client.readHead().split(" ")[1]);
        }
    }

    @Test
    void requestsTheTransportRefusesAreCountedByStatus() throws Exception {
        try (OndineServer server = OndineServer.builder().port(0).endpoint(Echo.class).start()) {
            String upgrade = "GET /echo/a HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
            // RFC 6455 §4.2.2: a version the server does not speak is answered 426 with the versions it does.
            assertEquals(426, statusOf(server, upgrade
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"));
            // RFC 6455 §4.2.1: no Sec-WebSocket-Key is not a valid opening handshake: 400.
            assertEquals(400, statusOf(server, upgrade + "Sec-WebSocket-Version: 13\r\n\r\n"));
            ApplicationMetrics app = server.metrics();
            await(() -> app.handshakesWithoutEndpoint().getOrDefault(400, 0L) == 1L, "the 400 counted");
            assertEquals(Map.of(400, 1L, 426, 1L), app.handshakesWithoutEndpoint());
        }
    }
}
