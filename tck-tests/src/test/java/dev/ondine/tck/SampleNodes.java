package dev.ondine.tck;

import dev.ondine.testsupport.FreePorts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nodes of a samples cluster as separate JVMs ({@code java -jar samples/target/ondine-samples.jar
 * --port 0 --cluster 127.0.0.1:FIRST-LAST}) on loopback, started one after the other (each joins those
 * before it), their output kept for failure messages. {@link #close()} ends every process it started,
 * by its handle; {@link Node#kill()} is {@code kill -9}.
 */
final class SampleNodes implements AutoCloseable {
    static final Path JAR = Path.of("..", "samples", "target", "ondine-samples.jar");
    private static final Pattern LISTENING = Pattern.compile("Ondine samples listening on ws://127\\.0\\.0\\.1:(\\d+)/echo.*");

    private final String cluster;
    private final List<Node> nodes = new ArrayList<>();

    /** A cluster of up to {@code size} nodes on a free range of loopback ports. */
    SampleNodes(int size) throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "samples/target/ondine-samples.jar is built by mvn package");
        int first = FreePorts.range(size);
        cluster = "127.0.0.1:" + first + "-" + (first + size - 1);
    }

    /** One samples JVM. */
    static final class Node {
        final Process process;
        final int httpPort;
        final List<String> output;

        Node(Process process, int httpPort, List<String> output) {
            this.process = process;
            this.httpPort = httpPort;
            this.output = output;
        }

        String page() {
            return "http://127.0.0.1:" + httpPort + "/";
        }

        String chat(String room, String user) {
            return "ws://127.0.0.1:" + httpPort + "/chat/" + room + "?user=" + user + "&node=1";
        }

        /** {@code kill -9}: the JVM ends at once, its sockets reset. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }
    }

    /** Starts a node and waits (up to 60 s) for its start-up line. */
    Node start() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(), "--port", "0", "--cluster", cluster)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "sample-node-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                p.destroyForcibly();
                synchronized (output) {
                    throw new AssertionError("no start-up line within 60 s:\n" + String.join("\n", output));
                }
            }
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                Node n = new Node(p, Integer.parseInt(m.group(1)), output);
                nodes.add(n);
                return n;
            }
        }
    }

    /** Every node's output, for a failure message. */
    String outputs() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            s.append("\n--- node ").append(i + 1).append(" (").append(nodes.get(i).httpPort).append(")\n")
                    .append(nodes.get(i).output());
        }
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Node n : nodes) {
            n.process.destroy();
        }
        for (Node n : nodes) {
            if (!n.process.waitFor(10, TimeUnit.SECONDS)) {
                n.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
