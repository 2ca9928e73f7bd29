package dev.ondine.tck.interop;

import dev.ondine.testsupport.ExternalPeers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer in another language (a Python or Node script), its output read line by line. Its
 * lines "CELL\tcheck\toutcome\treason" are cells of the matrix, "VERSION\tv" names it,
 * "LISTENING\tport" says where a server peer listens; everything is kept for failure messages.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    PeerProcess(Path workDir, String... command) throws IOException {
        this(workDir, Map.of(), command);
    }

    public PeerProcess(Path workDir, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(environment);
        process = pb.start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Path pythonDir() {
        return requireDir(System.getProperty("ondine.python.dir", "src/test/python"));
    }

    /** A Python 3 with {@code websockets}, or the test is skipped with the reason ({@link ExternalPeers}). */
    static String python() {
        return ExternalPeers.pythonWebsockets();
    }

    /** Node.js, or the test is skipped with the reason ({@link ExternalPeers}). */
    static String node() {
        return ExternalPeers.node();
    }

    /** The environment that makes node/browser.js launch the Chromium found ({@link ExternalPeers}), or skips. */
    static Map<String, String> chromium() {
        return Map.of("CHROMIUM", ExternalPeers.chromium());
    }

    /** The node/ folder with its npm packages installed ({@code npm ci}), or the test is skipped with the reason. */
    static Path nodeDir() {
        return ExternalPeers.npmPackages(requireDir(System.getProperty("ondine.node.dir", "node")), "ws", "playwright-core");
    }

    private static Path requireDir(String dir) {
        Path p = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("missing " + p);
        }
        return p;
    }

    /** Writes one line to the peer's standard input. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The next line the peer prints, waiting until {@code deadlineNanos} ({@link System#nanoTime()}); null if none by then. */
    public String nextLine(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        return left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
    }

    /** Waits for a line starting with {@code prefix + "\t"} and returns the rest of it. */
    public String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = nextLine(deadline);
            if (line == null) {
                throw new AssertionError("the peer printed no " + prefix + " within " + seconds + " s:\n" + output());
            }
            if (line.startsWith(prefix + "\t")) {
                return line.substring(prefix.length() + 1);
            }
            if (line.equals(prefix)) {
                return "";
            }
        }
    }

    /** Waits for the peer to end by itself; kills it past {@code seconds}. */
    public int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("the peer did not finish within " + seconds + " s:\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    List<String> outputLines() {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    /** Records the peer's CELL lines into {@code column}; returns the VERSION line's value, if any. */
    String recordCells(MatrixColumn column) {
        String version = null;
        for (String line : outputLines()) {
            String[] p = line.split("\t", -1);
            if (p[0].equals("CELL") && p.length >= 3) {
                column.record(Check.byId(p[1]), Outcome.parse(p[2]), p.length > 3 ? p[3] : "");
            } else if (p[0].equals("VERSION") && p.length > 1) {
                version = p[1];
            }
        }
        return version;
    }

    /** Kills the peer at once (SIGKILL): its connections end without a closing handshake. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Ends the peer: closes its standard input (servers stop on that), then kills it if needed. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
