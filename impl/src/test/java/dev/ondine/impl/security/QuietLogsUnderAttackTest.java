package dev.ondine.impl.security;

import dev.ondine.api.Limits;
import dev.ondine.impl.LogCapture;
import dev.ondine.impl.standalone.StandaloneServer;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, item 6: a fuzzer-like batch of hostile connections (bad RSV bits, opcodes,
 * masking, UTF-8, close codes, control frames; ends without a close, resets mid-frame, sends
 * to a peer that has gone) against an echo like the samples' (no {@code @OnError}) leaves at
 * most a few lines at INFO or above and no stack trace; an application's own exception still
 * logs a WARNING with its trace, or reaches {@code @OnError}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuietLogsUnderAttackTest {
    static final int BAD_CONNECTIONS = 200;

    /** The samples' echo: no {@code @OnError}, large messages. */
    @ServerEndpoint("/echo")
    public static class SampleLikeEcho {
        @OnMessage(maxMessageSize = 64 * 1024 * 1024)
        public String text(String s) {
            return s;
        }

        @OnMessage(maxMessageSize = 64 * 1024 * 1024)
        public ByteBuffer binary(ByteBuffer b) {
            return b;
        }
    }

    /** An application bug, no {@code @OnError}: the container logs it. */
    @ServerEndpoint("/faulty")
    public static class Faulty {
        @OnMessage
        public String text(String s) {
            throw new IllegalStateException("deliberate application failure: " + s);
        }
    }

    static final LinkedBlockingQueue<Throwable> HANDLED = new LinkedBlockingQueue<>();

    /** An application bug with {@code @OnError}: it reaches the method. */
    @ServerEndpoint("/handled")
    public static class Handled {
        @OnMessage
        public String text(String s) {
            if (s.equals("fail")) {
                throw new IllegalArgumentException("deliberate, handled");
            }
            return s;
        }

        @OnError
        public void error(Throwable t) {
            HANDLED.add(t);
        }
    }

    private LogCapture log;
    private StandaloneServer server;

    @BeforeEach
    void start() throws Exception {
        log = LogCapture.of("dev.ondine", Level.FINE);
        HANDLED.clear();
        Limits limits = Limits.builder().handshakeTimeoutMillis(1000).closeTimeoutMillis(1000).build();
        server = Hostile.start(limits, SampleLikeEcho.class, Faulty.class, Handled.class);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        log.close();
    }

    @Test
    void aFuzzingRunLeavesAFewLinesAndNoTrace() throws Exception {
        int protocolErrors = 0;
        for (int i = 0; i < BAD_CONNECTIONS; i++) {
            if (attack(i)) {
                protocolErrors++;
            }
        }
        assertTrue(Hostile.await(() -> server.connectionCount() == 0, 10_000), "every bad connection ends");
        Thread.sleep(300); // the sessions' onError and onClose run on the pool
        try (Wire good = Wire.open(server.address(), "/echo")) {
            assertEquals("still here", good.echo("still here"));
        }
        List<LogRecord> loud = loud();
        long traces = loud.stream().filter(r -> r.getThrown() != null).count();
        System.out.printf("fuzz-like run: %d bad connections (%d protocol errors): %d records at INFO or above"
                + " (%d with a stack trace), %d at FINE%n", BAD_CONNECTIONS, protocolErrors, loud.size(), traces,
                log.records().size() - loud.size());
        loud.forEach(r -> System.out.println("  " + r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()));
        assertTrue(loud.size() <= 3, "at most a few lines at INFO or above: " + describe(loud));
        assertEquals(0, traces, "no stack trace at INFO or above: " + describe(loud));

        // Every protocol error is counted: the summary's lines, the last one written when the server stops.
        server.stop();
        long counted = 0;
        for (LogRecord r : loud()) {
            Matcher m = COUNT.matcher(r.getMessage());
            while (m.find()) {
                counted += Long.parseLong(m.group(1));
            }
        }
        assertEquals(protocolErrors, counted, describe(loud()));
        assertTrue(loud().size() <= 4, describe(loud()));
    }

    private static final Pattern COUNT = Pattern.compile("\\b10\\d\\d x(\\d+)");

    @Test
    void anApplicationExceptionStillLogsAWarningWithItsTrace() throws Exception {
        try (Wire w = Wire.open(server.address(), "/faulty")) {
            w.send(Wire.text("boom"));
            assertTrue(Hostile.await(() -> !loud().isEmpty(), 5000), "the application's failure is logged");
        }
        LogRecord warning = loud().get(0);
        assertEquals(Level.WARNING, warning.getLevel());
        assertNotNull(warning.getThrown(), "with its trace");
        assertTrue(warning.getThrown().getMessage().contains("deliberate application failure"),
                String.valueOf(warning.getThrown()));
    }

    @Test
    void anApplicationExceptionReachesOnError() throws Exception {
        try (Wire w = Wire.open(server.address(), "/handled")) {
            w.send(Wire.text("fail"));
            Throwable t = HANDLED.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalArgumentException.class, t);
            assertEquals("still open", w.echo("still open"));
        }
        assertTrue(loud().isEmpty(), "handled by the application: " + describe(loud()));
    }

    private List<LogRecord> loud() {
        return log.atLeast(Level.INFO);
    }

    private static String describe(List<LogRecord> rs) {
        return LogCapture.describe(rs);
    }

    /** One hostile connection; true if it is a protocol error the server fails with a close code. */
    private boolean attack(int i) throws IOException {
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        switch (i % 12) {
            case 0 -> expectClose(Wire.frame(0xC1, x), 1002); // RSV1 without an extension
            case 1 -> expectClose(Wire.frame(0x83, x), 1002); // reserved opcode
            case 2 -> expectClose(Wire.frame(0x81, x, false), 1002); // unmasked client frame
            case 3 -> expectClose(Wire.frame(0x81, new byte[] {(byte) 0xC3, 0x28}), 1007); // invalid UTF-8
            case 4 -> expectClose(Wire.frame(0x88, Wire.closePayload(999, new byte[0])), 1002); // bad close code
            case 5 -> expectClose(Wire.frame(0x89, new byte[126]), 1002); // oversize control frame
            case 6 -> expectClose(Wire.frame(0x09, x), 1002); // fragmented control frame
            case 7 -> expectClose(Wire.header64(0x82, 1L << 40), 1009); // a frame past the limit
            case 8 -> {
                // the peer ends TCP without a close frame
                Wire.open(server.address(), "/echo").close();
                return false;
            }
            case 9 -> {
                // a connection that ends in the middle of its handshake
                try (Wire w = new Wire(server.address())) {
                    w.send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpg");
                }
                return false;
            }
            case 10 -> {
                // a reset in the middle of a frame
                Wire w = Wire.open(server.address(), "/echo");
                byte[] frame = Wire.frame(0x82, new byte[1000]);
                w.send(java.util.Arrays.copyOf(frame, 500));
                reset(w.socket);
                return false;
            }
            default -> {
                // messages whose echoes find the peer gone: reset before reading them
                Wire w = Wire.open(server.address(), "/echo");
                byte[] message = Wire.frame(0x82, new byte[64 * 1024]);
                for (int k = 0; k < 8; k++) {
                    w.send(message);
                }
                reset(w.socket);
                return false;
            }
        }
        return true;
    }

    private void expectClose(byte[] bytes, int code) throws IOException {
        try (Wire w = Wire.open(server.address(), "/echo")) {
            w.send(bytes);
            assertEquals(code, w.awaitClose());
            w.endsWithin(3000);
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
