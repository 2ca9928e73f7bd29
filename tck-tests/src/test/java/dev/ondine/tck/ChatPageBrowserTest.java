package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import dev.ondine.testsupport.ExternalPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' chat page in headless Chromium (node/chat-test.js through playwright-core):
 * two pages in one room see each other's join and leave notices and messages, and survive a
 * restart of the server on the same port through the page's own reconnect. Saves a
 * screenshot to {@code ondine.chat.screenshot} (the pom's: target/docs/chat.png; docs/chat.png with
 * {@code -Pdocs}). Needs Node.js and Chromium ({@link ExternalPeers}: skipped with the reason without them).
 */
class ChatPageBrowserTest {

    @Test
    @Timeout(120)
    void twoPagesChatAndSurviveAServerRestart() throws Exception {
        String nodeExe = ExternalPeers.node();
        String chromium = ExternalPeers.chromium();
        Path nodeDir = ExternalPeers.npmPackages(Path.of(System.getProperty("ondine.node.dir", "node")), "ws", "playwright-core");
        Path screenshot = Path.of(System.getProperty("ondine.chat.screenshot", "target/docs/chat.png")).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        int port = server.address().getPort();
        ProcessBuilder pb = new ProcessBuilder(nodeExe, "chat-test.js", "http://127.0.0.1:" + port + "/", screenshot.toString())
                .directory(nodeDir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process node = pb.start();
        List<String> output = new ArrayList<>();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLine(lines, "STOP", 60, output);
            server.stop();
            awaitLine(lines, "CLOSED", 30, output);
            server = startOnSamePort(port);
            OutputStream in = node.getOutputStream();
            in.write("STARTED\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the page test did not finish:\n" + text(output));
            reader.join(5000);
            assertEquals(0, node.exitValue(), "the page test failed:\n" + text(output));
            assertTrue(text(output).contains("\nPASS"), text(output));
            assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
        } finally {
            node.destroyForcibly();
            server.stop();
        }
    }

    private static OndineServer startOnSamePort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return SamplesMain.start("127.0.0.1", port);
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitLine(LinkedBlockingQueue<String> lines, String wanted, long seconds, List<String> output)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(line, "no " + wanted + " from the page test within " + seconds + " s:\n" + text(output));
            if (line.equals(wanted)) {
                return;
            }
            assertTrue(!line.startsWith("FAILED"), "the page test failed:\n" + text(output));
        }
    }

    private static String text(List<String> output) {
        synchronized (output) {
            return "\n" + String.join("\n", output);
        }
    }
}
