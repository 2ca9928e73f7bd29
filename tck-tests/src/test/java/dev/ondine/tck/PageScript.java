package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import dev.ondine.tck.interop.PeerProcess;
import dev.ondine.testsupport.ExternalPeers;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page test in headless Chromium (a node script of {@code node/} through playwright-core),
 * talking to its Java test over stdio: it prints "STEP ..." as it goes, lines the test waits
 * for, "PASS" at the end or "FAILED ..."; it reads lines the test writes. A {@link PeerProcess}
 * runs it and keeps everything it printed for failure messages.
 */
final class PageScript implements AutoCloseable {
    private final PeerProcess node;

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
        node = new PeerProcess(nodeDir, Map.of("CHROMIUM", chromium), command.toArray(String[]::new));
    }

    /**
     * Waits for a line equal to {@code wanted} (or starting with it, when it ends with a space)
     * and returns it; fails at a "FAILED" line or after {@code seconds}.
     */
    String awaitLine(String wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = node.nextLine(deadline);
            assertNotNull(line, "no " + wanted + " from the page test within " + seconds + " s:\n" + output());
            if (wanted.endsWith(" ") ? line.startsWith(wanted) : line.equals(wanted)) {
                return line;
            }
            assertTrue(!line.startsWith("FAILED"), "the page test failed:\n" + output());
        }
    }

    /** Writes one line to the script's standard input. */
    void tell(String line) throws IOException {
        node.send(line);
    }

    /** Waits for the script's end and asserts it passed. */
    void assertPasses(long seconds) throws InterruptedException {
        assertEquals(0, node.await(seconds), "the page test failed:\n" + output());
        assertTrue(output().contains("\nPASS"), output());
    }

    /** Everything the script printed, each line after a line break. */
    String output() {
        return "\n" + node.output();
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
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
