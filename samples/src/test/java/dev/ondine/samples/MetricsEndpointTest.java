package dev.ondine.samples;

import dev.ondine.api.OndineServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} of the samples: the names external scrapers use, moved by a real client. */
class MetricsEndpointTest {

    /** The value of the sample {@code name{...}} whose labels include every one of {@code labels}, or -1. */
    private static double value(String page, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(page);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    private static String scrape(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return r.body();
    }

    @Test
    void anEchoMovesTheFiguresOfItsEndpoint() throws Exception {
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpClient http = HttpClient.newHttpClient();
            String echo = "endpoint=\"/echo\"";
            String before = scrape(http, base);
            assertEquals(0, value(before, "ondine_sessions_open", echo), before);
            assertEquals(0, value(before, "ondine_messages_received_total", echo, "type=\"text\""), before);

            LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                    + server.address().getPort() + "/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            replies.add(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                ws.sendText("ping " + i, true).get(5, TimeUnit.SECONDS);
                assertEquals("ping " + i, replies.poll(5, TimeUnit.SECONDS));
            }
            String during = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                during = scrape(http, base);
                if (value(during, "ondine_messages_received_total", echo, "type=\"text\"") == 4
                        && value(during, "ondine_messages_sent_total", echo, "type=\"text\"") == 4) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals(1, value(during, "ondine_sessions_open", echo), during);
            assertEquals(4, value(during, "ondine_messages_received_total", echo, "type=\"text\""), during);
            assertEquals(4, value(during, "ondine_messages_sent_total", echo, "type=\"text\""), during);
            assertEquals(1, value(during, "ondine_handshakes_total", echo, "status=\"101\""), during);
            assertTrue(during.contains("# TYPE ondine_sessions_open gauge"), during);
            assertEquals(0, value(during, "ondine_broadcast_dropped_total", echo), during);
            assertEquals(0, value(during, "ondine_broadcast_published_total", "endpoint=\"none\""), during);

            ws.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
            String after = "";
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                after = scrape(http, base);
                if (value(after, "ondine_closes_total", echo, "code=\"1000\"") == 1) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals(1, value(after, "ondine_closes_total", echo, "code=\"1000\""), after);
            assertEquals(0, value(after, "ondine_sessions_open", echo), after);
            assertEquals(0, value(after, "ondine_messages_received_total", echo, "type=\"binary\""), after);
            System.out.println(after);
        } finally {
            server.stop();
        }
    }
}
