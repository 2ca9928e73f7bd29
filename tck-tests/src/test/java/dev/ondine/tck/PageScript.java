package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import dev.ondine.testsupport.ExternalPeers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page test in headless Chromium (a node script of {@code node/} through playwright-core),
 * talking to its Java test over stdio: it prints "STEP ..." as it goes, lines the test waits
 * for, "PASS" at the end or "FAILED ..."; it reads lines the test writes. Everything it printed
 * is kept for failure messages.
 */
final class PageScript implements AutoCloseable {
    private final Process node;
    private final List<String> output = new ArrayList<>();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    /**
     * Runs {@code node script args...} in the node folder (system property {@code ondine.node.dir}),
     * with the Chromium found handed over as {@code CHROMIUM}. Without Node.js, its npm packages or
     * Chromium the test is skipped with the reason ({@link ExternalPeers}; a failure with
     * {@code -Dondine.requireExternalPeers=true}).
     */
    PageScript(String script, String... args) throws IOException {
        String nodeExe = ExternalPeers.node();
        String chromium = ExternalPeers.chromium();
        Path nodeDir = ExternalPeers.npmPackages(Path.of(System.getProperty("ondine.node.dir", "node")),
                "ws", "playwright-core");
        List<String> command = new ArrayList<>(List.of(nodeExe, script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHROMIUM", chromium);
        node = builder.start();
        reader = new Thread(() -> {
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
    }

    /**
     * Waits for a line equal to {@code wanted} (or starting with it, when it ends with a space)
     * and returns it; fails at a "FAILED" line or after {@code seconds}.
     */
    String awaitLine(String wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(line, "no " + wanted + " from the page test within " + seconds + " s:\n" + output());
            if (wanted.endsWith(" ") ? line.startsWith(wanted) : line.equals(wanted)) {
                return line;
            }
            assertTrue(!line.startsWith("FAILED"), "the page test failed:\n" + output());
        }
    }

    /** Writes one line to the script's standard input. */
    void tell(String line) throws IOException {
        OutputStream in = node.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the script's end and asserts it passed. */
    void assertPasses(long seconds) throws InterruptedException {
        assertTrue(node.waitFor(seconds, TimeUnit.SECONDS), "the page test did not finish:\n" + output());
        reader.join(5000);
        assertEquals(0, node.exitValue(), "the page test failed:\n" + output());
        assertTrue(output().contains("\nPASS"), output());
    }

    /** Everything the script printed, each line after a line break. */
    String output() {
        synchronized (output) {
            return "\n" + String.join("\n", output);
        }
    }

    @Override
    public void close() {
        node.destroyForcibly();
    }

    /** Starts the samples again on {@code port}, retrying for up to 10 s while the port is still taken. */
    static OndineServer startSamplesOnSamePort(int port) throws Exception {
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
}
