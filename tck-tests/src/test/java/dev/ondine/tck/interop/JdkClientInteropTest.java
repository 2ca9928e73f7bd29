package dev.ondine.tck.interop;

import dev.ondine.tck.AssemblingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static dev.ondine.tck.interop.JakartaClientSuite.WAIT_SECONDS;
import static dev.ondine.tck.interop.JakartaClientSuite.bytes;
import static dev.ondine.tck.interop.JakartaClientSuite.expectBytes;
import static dev.ondine.tck.interop.JakartaClientSuite.expectText;
import static dev.ondine.tck.interop.JakartaClientSuite.text;

/** Ondine's server with the JDK's {@code java.net.http.WebSocket}: the matrix's checks. */
class JdkClientInteropTest {
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    @Test
    @Timeout(120)
    void jdkClient() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_SERVER, "jdk",
                "JDK " + Runtime.version().feature() + " java.net.http");
        try (OndineInteropServer server = new OndineInteropServer()) {
            runChecks(column, PLAIN, server);
        }
        column.writeAndAssertNoNewFailures();
    }

    /** The same checks over wss://, the client trusting the test's self-signed certificate only. */
    @Test
    @Timeout(120)
    void jdkClientOverWss() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_SERVER, "jdk-wss",
                "JDK " + Runtime.version().feature() + " java.net.http over wss");
        try (TestCertificate cert = new TestCertificate();
             OndineInteropServer server = new OndineInteropServer(cert.tlsConfig())) {
            HttpClient client = HttpClient.newBuilder().sslContext(cert.clientContext()).build();
            runChecks(column, client, server);
        }
        column.writeAndAssertNoNewFailures();
    }

    private static void runChecks(MatrixColumn column, HttpClient http, OndineInteropServer server) throws Exception {
        {
            URI echo = server.echo();
            URI interop = server.interop();
            JakartaClientSuite.record(column, Check.TEXT_SMALL, () -> {
                try (Peer p = Peer.connect(http, echo)) {
                    p.ws.sendText("Hello, wörld € ✓", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("Hello, wörld € ✓", p.next("the echo"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.TEXT_1MIB, () -> {
                String t = text(1 << 20);
                try (Peer p = Peer.connect(http, echo)) {
                    p.ws.sendText(t, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText(t, p.next("the echo"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.BINARY_SMALL, () -> echoBinary(http, echo, bytes(16, 16)));
            JakartaClientSuite.record(column, Check.BINARY_1MIB, () -> echoBinary(http, echo, bytes(1 << 20, 20)));
            JakartaClientSuite.record(column, Check.FRAGMENTED_TO_SERVER, () -> {
                try (Peer p = Peer.connect(http, echo)) {
                    p.ws.sendText("Hel", false).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    p.ws.sendText("lo wö", false).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    p.ws.sendText("rld", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("Hello wörld", p.next("the fragmented text, echoed"));
                    byte[] a = bytes(70_000, 1);
                    byte[] b = bytes(10, 2);
                    p.ws.sendBinary(ByteBuffer.wrap(a), false).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    p.ws.sendBinary(ByteBuffer.wrap(b), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    byte[] both = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, both, a.length, b.length);
                    expectBytes(both, p.next("the fragmented binary, echoed"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.FRAGMENTED_TO_CLIENT, () -> {
                try (Peer p = Peer.connect(http, interop)) {
                    p.ws.sendText("cmd:fragmented", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("Hello fragmented wörld", p.next("the fragmented text"));
                    byte[] b = new byte[100];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) i;
                    }
                    expectBytes(b, p.next("the fragmented binary"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.PING_FROM_CLIENT, () -> {
                try (Peer p = Peer.connect(http, interop)) {
                    p.ws.sendPing(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.UTF_8))).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("pong:ping!", p.next("a pong"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.PING_FROM_SERVER, () -> {
                try (Peer p = Peer.connect(http, interop)) {
                    p.ws.sendText("cmd:ping:hello", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("pong:hello", p.next("the server's report of the pong"));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.CLOSE_FROM_CLIENT, () -> {
                try (Peer p = Peer.connect(http, interop)) {
                    p.ws.sendText("cmd:resetclose", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("resetclose:ok", p.next("resetclose:ok"));
                    p.ws.sendClose(4000, "bye client").get(WAIT_SECONDS, TimeUnit.SECONDS);
                    p.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                String last = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline && (last.isEmpty() || last.equals("lastclose:none"))) {
                    try (Peer q = Peer.connect(http, interop)) {
                        q.ws.sendText("cmd:lastclose", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                        last = (String) q.next("lastclose");
                    }
                }
                expectText("lastclose:4000:bye client", last);
                return null;
            });
            JakartaClientSuite.record(column, Check.CLOSE_FROM_SERVER, () -> {
                try (Peer p = Peer.connect(http, interop)) {
                    p.ws.sendText("cmd:close:4001:bye server", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("4001 \"bye server\"", p.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
                }
                return null;
            });
            JakartaClientSuite.record(column, Check.SUBPROTOCOL, () -> {
                try (Peer p = Peer.connect(http, interop, "x-unknown", "interop.v1")) {
                    expectText("interop.v1", p.ws.getSubprotocol());
                    p.ws.sendText("cmd:subprotocol", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("subprotocol:interop.v1", p.next("the server's subprotocol"));
                }
                try (Peer p = Peer.connect(http, interop, "x-unknown")) {
                    expectText("", p.ws.getSubprotocol());
                    p.ws.sendText("cmd:subprotocol", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    expectText("subprotocol:", p.next("the server's subprotocol"));
                }
                return null;
            });
            column.record(Check.DEFLATE, Outcome.NA, "java.net.http.WebSocket has no extensions (no permessage-deflate)");
        }
    }

    private static String echoBinary(HttpClient http, URI echo, byte[] data) throws Exception {
        try (Peer p = Peer.connect(http, echo)) {
            p.ws.sendBinary(ByteBuffer.wrap(data), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            expectBytes(data, p.next("the echo"));
        }
        return null;
    }

    /** A JDK WebSocket whose whole messages, pongs ("pong:PAYLOAD") and errors land in a queue. */
    static final class Peer extends AssemblingListener implements AutoCloseable {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws;

        static Peer connect(HttpClient http, URI uri, String... subprotocols) throws Exception {
            Peer p = new Peer();
            WebSocket.Builder b = http.newWebSocketBuilder();
            if (subprotocols.length > 0) {
                b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
            }
            p.ws = b.buildAsync(uri, p).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return p;
        }

        Object next(String what) throws Exception {
            Object o = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s");
            }
            return o;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " \"" + reason + "\"");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add(error);
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
