package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' status page ({@code /status}) in headless Chromium (node/status-test.js through
 * playwright-core), as {@link ChatPageBrowserTest} runs the chat page: while echo traffic flows
 * the page shows non-zero figures (read from its DOM) and draws its charts, and it reconnects
 * by itself across a restart of the server on the same port. Saves a screenshot to
 * {@code ondine.status.screenshot} (the pom's: target/docs/status.png; docs/status.png with
 * {@code -Pdocs}). Needs Node.js and Chromium ({@link PageScript}: skipped with the reason without them).
 */
class StatusPageBrowserTest {

    @Test
    @Timeout(120)
    void thePageShowsTheTrafficLiveAndSurvivesAServerRestart() throws Exception {
        Path screenshot = Path.of(System.getProperty("ondine.status.screenshot", "target/docs/status.png")).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        int port = server.address().getPort();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread traffic = echoTraffic(port, flowing);
        try (PageScript page = new PageScript("status-test.js", "http://127.0.0.1:" + port + "/", screenshot.toString())) {
            Map<String, String> figures = figures(page.awaitLine("FIGURES ", 60));
            for (String name : List.of("sessions", "in", "out")) {
                assertTrue(Long.parseLong(figures.get(name).replace(",", "")) > 0, name + " in " + figures);
            }
            assertTrue(page.awaitLine("ENDPOINTS ", 10).contains("/echo"), page.output());
            page.awaitLine("STOP", 30);
            flowing.set(false);
            traffic.join(5000);
            server.stop();
            page.awaitLine("CLOSED", 30);
            server = PageScript.startSamplesOnSamePort(port);
            page.tell("STARTED");
            page.assertPasses(60);
            assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
        } finally {
            flowing.set(false);
            server.stop();
        }
    }

    /** Three echo sessions, one of them sending at a rate that rises and falls, until {@code flowing} is false. */
    private static Thread echoTraffic(int port, AtomicBoolean flowing) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI echo = URI.create("ws://127.0.0.1:" + port + "/echo");
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sockets.add(http.newWebSocketBuilder().buildAsync(echo, new WebSocket.Listener() {
            }).get(5, TimeUnit.SECONDS));
        }
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (int i = 0; flowing.get(); i++) {
                    sockets.get(0).sendText("tide " + i, true).get(5, TimeUnit.SECONDS);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Thread.sleep(1 + Math.round(4 * (1 + Math.sin(seconds / 2))));
                }
            } catch (Exception e) {
                // the server went away: the test's own checks tell
            }
        }, "status-page-traffic");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, String> figures(String line) {
        Map<String, String> m = new HashMap<>();
        for (String pair : line.substring("FIGURES ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }
}
