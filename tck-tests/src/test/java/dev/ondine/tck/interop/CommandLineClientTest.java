package dev.ondine.tck.interop;

import dev.ondine.testsupport.FreePorts;
import dev.ondine.testsupport.Tinyproxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The samples' command-line client ({@code java -jar samples/target/ondine-samples.jar connect URL ...})
 * run as a process against independent servers, Python's {@code websockets}
 * (src/test/python/cli_peer_server.py) and Node's {@code ws} (node/cli-peer-server.js): lines go out
 * and come back on standard output, headers and subprotocols reach the server, the exit status tells
 * how the connection ended, and {@code --reconnect} survives a server killed and started again on
 * the same port. Standard output holds the messages only; diagnostics are on standard error.
 * Skipped, with the reason, without the peer ({@link dev.ondine.testsupport.ExternalPeers}) or the
 * jar (built by {@code mvn package}).
 */
class CommandLineClientTest {
    private static final Path JAR = Path.of("..", "samples", "target", "ondine-samples.jar");
    private static final long WAIT = 20;

    enum Peer {
        PYTHON_WEBSOCKETS, NODE_WS;

        PeerProcess start(int port) throws IOException {
            return this == PYTHON_WEBSOCKETS
                    ? new PeerProcess(PeerProcess.pythonDir(), PeerProcess.python(), "cli_peer_server.py", String.valueOf(port))
                    : new PeerProcess(PeerProcess.nodeDir(), PeerProcess.node(), "cli-peer-server.js", String.valueOf(port));
        }
    }

    private static int port(PeerProcess server) throws InterruptedException {
        return Integer.parseInt(server.awaitLine("LISTENING", 30).trim());
    }

    /** The client connected to {@code server} (standard error has said so). */
    private static Cli connected(PeerProcess server) throws IOException, InterruptedException {
        Cli cli = Cli.start("connect", "ws://127.0.0.1:" + port(server) + "/");
        cli.awaitErr("Connected to ");
        return cli;
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void echoesEachLineAndExits0AfterTheEndOfInput(Peer peer) throws Exception {
        try (PeerProcess server = peer.start(0)) {
            try (Cli cli = connected(server)) {
                for (String line : List.of("hello", "w\u00f6rld \u20ac \ud83c\udf0a", "", "  spaced  ")) {
                    cli.send(line);
                    assertEquals(line, cli.nextOut(), "the line comes back as it went");
                }
                cli.send("?binary");
                assertEquals("binary:AAECAwQFBgcICQ==", cli.nextOut(), "a binary message prints as Base64");
                cli.endInput();
                assertEquals(0, cli.exitStatus(), cli.toString());
                assertTrue(cli.err().contains("Closed with 1000"), cli.toString());
                assertEquals(5, cli.out().size(), "nothing but the messages on standard output: " + cli);
            }
        }
    }

    /** {@code --proxy}: through Debian's tinyproxy (a {@code CONNECT} tunnel), the lines come back as directly. */
    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void throughTinyproxyTheLinesComeBackAndItExits0(Peer peer, @TempDir Path dir) throws Exception {
        try (PeerProcess server = peer.start(0); Tinyproxy proxy = Tinyproxy.start(dir, null, null)) {
            int port = port(server);
            try (Cli cli = Cli.start("connect", "ws://127.0.0.1:" + port + "/", "--proxy", proxy.uri())) {
                cli.awaitErr("Connected to ");
                cli.send("through the proxy");
                assertEquals("through the proxy", cli.nextOut());
                cli.endInput();
                assertEquals(0, cli.exitStatus(), cli.toString());
            }
            String log = proxy.logText();
            assertTrue(log.contains("CONNECT 127.0.0.1:" + port), "the connection went through tinyproxy: " + log);
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void headersAndTheSubprotocolReachTheServer(Peer peer) throws Exception {
        try (PeerProcess server = peer.start(0)) {
            try (Cli cli = Cli.start("connect", "ws://127.0.0.1:" + port(server) + "/", "--header", "X-Ondine-Test: 42",
                    "--subprotocol", "nope.v9", "--header", "X-Other:  a b ", "--subprotocol", "chat.v2")) {
                cli.awaitErr("(subprotocol chat.v2)");
                cli.send("?header X-Ondine-Test");
                assertEquals("42", cli.nextOut());
                cli.send("?header X-Other");
                assertEquals("a b", cli.nextOut());
                cli.send("?subprotocol");
                assertEquals("chat.v2", cli.nextOut());
                cli.endInput();
                assertEquals(0, cli.exitStatus(), cli.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void aServerCloseWithAnotherCodeExits5(Peer peer) throws Exception {
        try (PeerProcess server = peer.start(0); Cli cli = connected(server)) {
            cli.send("?close 4001");
            assertEquals(5, cli.exitStatus(), cli.toString());
            assertTrue(cli.err().contains("Closed with 4001 (asked)"), cli.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void aServerCloseWith1000Exits0(Peer peer) throws Exception {
        try (PeerProcess server = peer.start(0); Cli cli = connected(server)) {
            cli.send("?close 1000");
            assertEquals(0, cli.exitStatus(), "a normal close from the server: " + cli);
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(90)
    void aServerKilledMidConnectionExits4(Peer peer) throws Exception {
        try (PeerProcess server = peer.start(0); Cli cli = connected(server)) {
            server.kill();
            assertEquals(4, cli.exitStatus(), "no closing handshake: 1006, " + cli);
            assertTrue(cli.err().contains("Closed with 1006"), cli.toString());
        }
    }

    @Test
    @Timeout(90)
    void aServerThatCannotBeReachedOrRefusesTheHandshakeExits3() throws Exception {
        int closed = FreePorts.closed();
        try (Cli cli = Cli.start("connect", "ws://127.0.0.1:" + closed + "/")) {
            cli.endInput();
            assertEquals(3, cli.exitStatus(), cli.toString());
            assertTrue(cli.err().startsWith("Cannot connect to ws://127.0.0.1:" + closed + "/"), cli.toString());
            assertEquals(List.of(), cli.out());
        }
        try (PeerProcess server = Peer.NODE_WS.start(0)) {
            try (Cli cli = Cli.start("connect", "ws://127.0.0.1:" + port(server) + "/forbidden")) {
                assertEquals(3, cli.exitStatus(), cli.toString());
                assertTrue(cli.err().contains("401"), cli.toString());
            }
        }
    }

    @Test
    @Timeout(90)
    void badArgumentsExit2AndHelpExits0() throws Exception {
        for (String[] args : List.of(new String[] {"connect"}, new String[] {"connect", "http://127.0.0.1/"},
                new String[] {"connect", "ws://127.0.0.1/", "--header", "no colon"},
                new String[] {"connect", "ws://127.0.0.1/", "--subprotocol", "a b"},
                new String[] {"connect", "ws://127.0.0.1/", "--proxy", "socks://127.0.0.1:1080"},
                new String[] {"connect", "ws://127.0.0.1/", "--frobnicate"})) {
            try (Cli cli = Cli.start(args)) {
                assertEquals(2, cli.exitStatus(), cli.toString());
                assertTrue(cli.err().contains("Usage: java -jar ondine-samples.jar connect URL"), cli.toString());
                assertEquals(List.of(), cli.out());
            }
        }
        try (Cli cli = Cli.start("connect", "--help")) {
            assertEquals(0, cli.exitStatus(), cli.toString());
            assertTrue(cli.out().get(0).startsWith("Usage: java -jar ondine-samples.jar connect URL [--proxy http://HOST:PORT]"),
                    cli.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    @Timeout(120)
    void reconnectsAfterTheServerIsKilledAndStartedAgainOnTheSamePort(Peer peer) throws Exception {
        PeerProcess first = peer.start(0);
        int port = port(first);
        try (Cli cli = Cli.start("connect", "ws://127.0.0.1:" + port + "/", "--reconnect")) {
            try (first) {
                cli.awaitErr("Connected to ");
                cli.send("one");
                assertEquals("one", cli.nextOut());
                first.kill();
                cli.awaitErr("Closed with 1006");
                cli.awaitErr("reconnecting in ");
            }
            cli.send("two"); // read while the server is away: sent once a connection is open again
            try (PeerProcess second = peer.start(port)) {
                assertEquals(port, port(second));
                assertEquals("two", cli.nextOut(), "the line read meanwhile, on the new connection");
                cli.send("three");
                assertEquals("three", cli.nextOut());
                cli.endInput();
                assertEquals(0, cli.exitStatus(), cli.toString());
                assertEquals(2, cli.err().split("Connected to ", -1).length - 1, "connected twice: " + cli);
                assertEquals(List.of("one", "two", "three"), cli.out());
            }
        }
    }

    /** The command-line client as a process: its standard output and error read apart, line by line. */
    static final class Cli implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
        private final List<String> out = new ArrayList<>();
        private final List<String> err = new ArrayList<>();
        private final Thread outReader;
        private final Thread errReader;

        private Cli(Process process) {
            this.process = process;
            this.outReader = reader(process.getInputStream(), line -> {
                synchronized (out) {
                    out.add(line);
                }
                outLines.add(line);
            });
            this.errReader = reader(process.getErrorStream(), line -> {
                synchronized (err) {
                    err.add(line);
                    err.notifyAll();
                }
            });
        }

        static Cli start(String... args) throws IOException {
            assumeTrue(Files.isRegularFile(JAR), "samples/target/ondine-samples.jar is built by mvn package");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString()));
            command.addAll(List.of(args));
            return new Cli(new ProcessBuilder(command).start());
        }

        private static Thread reader(InputStream stream, java.util.function.Consumer<String> sink) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        sink.accept(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "cli-output");
            t.setDaemon(true);
            t.start();
            return t;
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        void endInput() throws IOException {
            process.getOutputStream().close();
        }

        /** The next line on standard output, within {@value #WAIT} s. */
        String nextOut() throws InterruptedException {
            String line = outLines.poll(WAIT, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no message printed within " + WAIT + " s: " + this);
            }
            return line;
        }

        /** Waits until standard error has {@code text} after what earlier waits found. */
        void awaitErr(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
            synchronized (err) {
                while (true) {
                    int at = String.join("\n", err).indexOf(text, consumed);
                    if (at >= 0) {
                        consumed = at + text.length();
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("standard error never said \"" + text + "\": " + this);
                    }
                    TimeUnit.NANOSECONDS.timedWait(err, left);
                }
            }
        }

        private int consumed;

        int exitStatus() throws InterruptedException {
            if (!process.waitFor(WAIT, TimeUnit.SECONDS)) {
                throw new AssertionError("the client did not end within " + WAIT + " s: " + this);
            }
            outReader.join(5000);
            errReader.join(5000);
            return process.exitValue();
        }

        List<String> out() {
            synchronized (out) {
                return new ArrayList<>(out);
            }
        }

        String err() {
            synchronized (err) {
                return String.join("\n", err);
            }
        }

        @Override
        public String toString() {
            return "\n--- stdout:\n" + String.join("\n", out()) + "\n--- stderr:\n" + err();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
