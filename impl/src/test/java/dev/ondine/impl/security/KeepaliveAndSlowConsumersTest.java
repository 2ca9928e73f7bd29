package dev.ondine.impl.security;

import dev.ondine.api.Limits;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.protocol.handshake.AcceptKey;
import dev.ondine.impl.standalone.StandaloneServer;
import dev.ondine.testsupport.ExternalPeers;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keepalive pings and slow consumers end to end, on the standalone server: a raw socket that
 * never answers pings is found and ended (1006 to the endpoint), the JDK's client (which
 * answers pings) stays open; an Ondine client pings a server; a peer that never reads is
 * ended by the blocking send timeout (1006) or, with asynchronous sends, by the slow-consumer
 * policy (1008).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeepaliveAndSlowConsumersTest {
    static final long INTERVAL = 300;
    static final long PONG_TIMEOUT = 300;
    static final long BLOCKING_SEND_TIMEOUT = 700;
    static final long SLOW_CONSUMER = 700;

    private static StandaloneServer server;

    /** Keepalive on for this endpoint only, through the per-connection user properties. */
    public static class PingingConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put(Limits.PING_INTERVAL, INTERVAL);
            sec.getUserProperties().put(Limits.PONG_TIMEOUT, String.valueOf(PONG_TIMEOUT));
        }
    }

    /** Echoes, and records how its sessions close. */
    @ServerEndpoint(value = "/pinged", configurator = PingingConfigurator.class)
    public static class Pinged {
        static final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

        @OnMessage
        public String echo(String s) {
            return s;
        }

        @OnClose
        public void close(CloseReason reason) {
            closes.add(reason);
        }

        @OnError
        public void error(Throwable t) {
        }
    }

    /** An echo without keepalive: the server's limits leave it off. */
    @ServerEndpoint("/plain")
    public static class Plain {
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    /** Sends 64 KiB blocking on "go" until a send fails; records the failure and the close. */
    @ServerEndpoint("/blocking")
    public static class BlockingFlood {
        static final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        static final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

        @OnMessage
        public void go(String s, Session session) {
            try {
                while (true) {
                    session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[64 * 1024]));
                }
            } catch (IOException e) {
                failures.add(e);
            }
        }

        @OnClose
        public void close(CloseReason reason) {
            closes.add(reason);
        }

        @OnError
        public void error(Throwable t) {
        }
    }

    /** Sends 64 KiB asynchronously on "go", far more than the outgoing queue holds. */
    @ServerEndpoint("/async")
    public static class AsyncFlood {
        static final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        static final AtomicInteger refused = new AtomicInteger();

        @OnMessage
        public void go(String s, Session session) {
            for (int i = 0; i < 200; i++) {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(new byte[64 * 1024]), result -> {
                    if (!result.isOK()) {
                        refused.incrementAndGet();
                    }
                });
            }
        }

        @OnClose
        public void close(CloseReason reason) {
            closes.add(reason);
        }

        @OnError
        public void error(Throwable t) {
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Limits limits = Hostile.limits()
                .maxOutgoingQueueBytes(256 * 1024)
                .blockingSendTimeoutMillis(BLOCKING_SEND_TIMEOUT)
                .slowConsumerCloseMillis(SLOW_CONSUMER)
                .closeTimeoutMillis(500)
                .build();
        server = Hostile.start(limits, Pinged.class, Plain.class, BlockingFlood.class, AsyncFlood.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    // ------------------------------------------------------------------ keepalive, server side

    @Test
    void aPeerThatNeverAnswersPingsIsEndedWithin1006() throws Exception {
        Pinged.closes.clear();
        try (Wire w = Wire.open(server.address(), "/pinged")) {
            long start = System.nanoTime();
            Wire.Frame ping = w.readFrame();
            long pingedAfter = millisSince(start);
            assertEquals(0x9, ping.opcode(), "a ping after the interval of silence");
            assertTrue(pingedAfter >= INTERVAL - 50 && pingedAfter < INTERVAL + 1000, "pinged after " + pingedAfter);
            // No pong: the server ends TCP without a close frame.
            assertTrue(w.endsWithin((int) (PONG_TIMEOUT + 2000)), "the server ends the connection");
            long endedAfter = millisSince(start);
            assertTrue(endedAfter < INTERVAL + PONG_TIMEOUT + 1500, "ended after " + endedAfter);
            CloseReason reason = Pinged.closes.poll(5, TimeUnit.SECONDS);
            assertNotNull(reason);
            assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode());
            assertTrue(reason.getReasonPhrase().contains("No pong"), reason.getReasonPhrase());
        }
    }

    @Test
    void anEndpointWithoutKeepaliveSendsNoPing() throws Exception {
        try (Wire w = Wire.open(server.address(), "/plain")) {
            w.socket.setSoTimeout((int) (3 * INTERVAL));
            try {
                Wire.Frame f = w.readFrame();
                throw new AssertionError("unexpected frame, opcode " + f.opcode());
            } catch (SocketTimeoutException expected) {
                // nothing: keepalive is off unless configured
            }
        }
    }

    @Test
    void theJdkClientAnswersAndStaysOpenOverManyIntervals() throws Exception {
        Pinged.closes.clear();
        AtomicInteger pings = new AtomicInteger();
        BlockingQueue<Integer> clientCloses = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.address().getPort() + "/pinged"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                        pings.incrementAndGet(); // the JDK sends the pong itself
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        clientCloses.add(statusCode);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            Thread.sleep(6 * INTERVAL);
            assertTrue(pings.get() >= 3, "pinged after each interval of silence: " + pings.get());
            assertNull(Pinged.closes.poll(), "the answering client stays open");
            assertTrue(clientCloses.isEmpty());
            assertFalse(ws.isInputClosed());
        } finally {
            ws.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
        }
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, Pinged.closes.poll(5, TimeUnit.SECONDS).getCloseCode());
    }

    /** Python's {@code websockets} answers pings by itself (skipped, with the reason, without it: {@link ExternalPeers}). */
    @Test
    void aPythonWebsocketsClientAnswersAndStaysOpen() throws Exception {
        String python = ExternalPeers.pythonWebsockets();
        Pinged.closes.clear();
        String script = String.join("\n",
                "import asyncio, sys, websockets",
                "async def main():",
                "    async with websockets.connect(sys.argv[1], ping_interval=None) as ws:",
                "        await asyncio.sleep(" + (6 * INTERVAL) / 1000.0 + ")",
                "        await ws.send('still here')",
                "        print(await ws.recv())",
                "asyncio.run(main())");
        Process p = new ProcessBuilder(python, "-c", script,
                "ws://127.0.0.1:" + server.address().getPort() + "/pinged").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("still here", output.strip(), "the session stayed open over several intervals");
        CloseReason reason = Pinged.closes.poll(5, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, reason.getCloseCode(), "closed by the client, not by a late pong");
    }

    // ------------------------------------------------------------------ keepalive, client side

    /** Records how the client's session closes. */
    static final class ClientRecorder extends Endpoint {
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closes.add(closeReason);
        }
    }

    private static ClientEndpointConfig pingingClientConfig() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(Limits.PING_INTERVAL, INTERVAL);
        config.getUserProperties().put(Limits.PONG_TIMEOUT, PONG_TIMEOUT);
        return config;
    }

    @Test
    void anOndineClientPingsAnAnsweringServerAndStaysOpen() throws Exception {
        ClientRecorder recorder = new ClientRecorder();
        Session session = OndineClients.newContainer().connectToServer(recorder, pingingClientConfig(),
                URI.create("ws://127.0.0.1:" + server.address().getPort() + "/plain"));
        Thread.sleep(6 * INTERVAL);
        assertTrue(session.isOpen());
        assertNull(recorder.closes.poll());
        session.close();
    }

    @Test
    void anOndineClientEndsAServerThatNeverAnswersItsPings() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ClientRecorder recorder = new ClientRecorder();
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    // ISO-8859-1 maps bytes to chars one to one: the head as lines, then the frames' bytes.
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    StringBuilder head = new StringBuilder();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.append(line).append('\n');
                    }
                    Matcher key = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)").matcher(head);
                    assertTrue(key.find(), head.toString());
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey.of(key.group(1)) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    int b0 = in.read();
                    assertEquals(0x89, b0, "the client's first frame is a ping (FIN + opcode 9)");
                    while (in.read() >= 0) {
                        // read, never answer, until the client ends the connection
                    }
                } catch (IOException ignored) {
                    // the client reset the connection
                }
            });
            accept.start();
            long start = System.nanoTime();
            OndineClients.newContainer().connectToServer(recorder, pingingClientConfig(),
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"));
            CloseReason reason = recorder.closes.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason, "the client gave up on the silent server");
            assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode());
            assertTrue(millisSince(start) < INTERVAL + PONG_TIMEOUT + 2000, "after " + millisSince(start) + " ms");
            accept.join(5000);
        }
    }

    // ------------------------------------------------------------------ slow consumers

    @Test
    void aBlockingSendToAPeerThatNeverReadsTimesOutAndEndsTheConnection() throws Exception {
        try (Wire w = Wire.openWithReceiveBuffer(server.address(), 4096, "/blocking")) {
            long start = System.nanoTime();
            w.send(Wire.text("go"));
            Throwable failure = BlockingFlood.failures.poll(20, TimeUnit.SECONDS);
            assertInstanceOf(SocketTimeoutException.class, failure);
            assertTrue(failure.getMessage().contains("not completed within " + BLOCKING_SEND_TIMEOUT + " ms"),
                    failure.getMessage());
            assertTrue(millisSince(start) >= BLOCKING_SEND_TIMEOUT, "after " + millisSince(start));
            CloseReason reason = BlockingFlood.closes.poll(5, TimeUnit.SECONDS);
            assertNotNull(reason);
            assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode(),
                    "a half-written frame cannot be taken back: the connection ends");
        }
    }

    @Test
    void aPeerLeavingTheQueueFullIsClosedWith1008() throws Exception {
        try (Wire w = Wire.openWithReceiveBuffer(server.address(), 4096, "/async")) {
            long start = System.nanoTime();
            w.send(Wire.text("go"));
            CloseReason reason = AsyncFlood.closes.poll(20, TimeUnit.SECONDS);
            assertNotNull(reason);
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, reason.getCloseCode(), reason.toString());
            assertTrue(reason.getReasonPhrase().startsWith("Slow consumer"), reason.getReasonPhrase());
            assertTrue(millisSince(start) >= SLOW_CONSUMER, "after " + millisSince(start));
            assertTrue(AsyncFlood.refused.get() > 0, "the queue was full");
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
