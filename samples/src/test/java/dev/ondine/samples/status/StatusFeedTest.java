package dev.ondine.samples.status;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The samples' {@code /status/feed} and {@code /status} against the JDK's client, with echo traffic flowing. */
class StatusFeedTest {
    private static final Jsonb JSONB = JsonbBuilder.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private OndineServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A feed client: each whole text message, as a {@link StatusUpdate}. */
    private WebSocket feed(LinkedBlockingQueue<StatusUpdate> updates) throws Exception {
        return http.newWebSocketBuilder().buildAsync(uri("ws", StatusFeed.PATH), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    updates.add(JSONB.fromJson(text.toString(), StatusUpdate.class));
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.address().getPort() + path);
    }

    private static StatusUpdate next(LinkedBlockingQueue<StatusUpdate> updates) throws InterruptedException {
        StatusUpdate u = updates.poll(5, TimeUnit.SECONDS);
        assertNotNull(u, "no update from the feed within 5 s");
        return u;
    }

    @Test
    @Timeout(60)
    void pagesGetTheHistoryThenASampleEachSecondThatMovesWithTheTraffic() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
        LinkedBlockingQueue<StatusUpdate> updates = new LinkedBlockingQueue<>();
        WebSocket page = feed(updates);
        StatusUpdate first = next(updates);
        assertEquals("history", first.type());
        assertTrue(first.samples().size() <= StatusFeed.HISTORY_SAMPLES);

        // echo traffic on a second thread while the feed is read
        AtomicBoolean flowing = new AtomicBoolean(true);
        WebSocket echo = http.newWebSocketBuilder().buildAsync(uri("ws", "/echo"), new WebSocket.Listener() {
        }).get(5, TimeUnit.SECONDS);
        Thread traffic = new Thread(() -> {
            try {
                for (int i = 0; flowing.get(); i++) {
                    echo.sendText("tide " + i, true).get(5, TimeUnit.SECONDS);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                flowing.set(false);
            }
        });
        traffic.start();
        StatusSample moving = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            long lastTime = 0;
            while (moving == null && System.nanoTime() < deadline) {
                StatusUpdate u = next(updates);
                assertEquals("sample", u.type());
                assertEquals(1, u.samples().size());
                StatusSample s = u.samples().get(0);
                assertTrue(s.time() > lastTime, "samples in time order");
                lastTime = s.time();
                if (s.messagesInPerSecond() > 0 && s.messagesOutPerSecond() > 0 && s.sessionsOpen() >= 2
                        && s.sessionsByEndpoint().getOrDefault("/echo", 0L) == 1
                        && s.bytesInPerSecond() > 0) {
                    moving = s;
                }
            }
            assertTrue(flowing.get(), "the echo traffic failed");
        } finally {
            flowing.set(false);
            traffic.join(5000);
        }
        assertNotNull(moving, "no sample showed the echo traffic");
        assertEquals(1L, moving.sessionsByEndpoint().get(StatusFeed.PATH));

        // a page that connects later gets the recent past at once, bounded and in order
        LinkedBlockingQueue<StatusUpdate> later = new LinkedBlockingQueue<>();
        WebSocket second = feed(later);
        StatusUpdate history = next(later);
        assertEquals("history", history.type());
        List<StatusSample> past = history.samples();
        assertTrue(past.size() >= 2 && past.size() <= StatusFeed.HISTORY_SAMPLES, "history of " + past.size());
        for (int i = 1; i < past.size(); i++) {
            assertTrue(past.get(i).time() > past.get(i - 1).time(), "history in time order");
        }
        long movingTime = moving.time();
        assertTrue(past.stream().anyMatch(s -> s.time() == movingTime && s.messagesInPerSecond() > 0),
                "the history holds the sample that showed the traffic");
        StatusUpdate after = next(later);
        assertEquals("sample", after.type());
        assertEquals(2L, after.samples().get(0).sessionsByEndpoint().get(StatusFeed.PATH));

        page.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        second.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        echo.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(30)
    void theSamplingThreadEndsWithTheServer() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
        assertTrue(statusThreadAlive(), "the sampling thread runs with the server");
        server.stop();
        server = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (statusThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(statusThreadAlive(), "the sampling thread outlived the server");
    }

    private static boolean statusThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("ondine-samples-status"));
    }

    @Test
    void theStatusPageIsServedAtSlashStatus() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("http", "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<script src=\"status.js\">"), r.body());
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(uri("http", "/status.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("status/feed"));
    }
}
