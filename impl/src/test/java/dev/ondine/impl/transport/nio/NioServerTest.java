package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.SendCallback;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ondine's NIO server and client over loopback, with well-behaved and hostile peers. */
class NioServerTest {
    private NioServer server;
    private NioClient client;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();

    /** An echo that records its closes. */
    private final class Echo implements ConnectionListener {
        WebSocketConnection c;

        @Override
        public void onOpen(WebSocketConnection connection) {
            c = connection;
        }

        @Override
        public void onText(String message) {
            c.sendText(message, SendCallback.NOOP);
        }

        @Override
        public void onBinary(ByteBuffer message) {
            c.sendBinary(message, SendCallback.NOOP);
        }

        @Override
        public void onClose(int code, String reason) {
            serverEvents.add("close:" + code);
        }
    }

    private InetSocketAddress start(Limits limits) throws Exception {
        server = new NioServer(new InetSocketAddress("127.0.0.1", 0), (request, remote, secure) -> {
            if (!request.path().equals("/echo")) {
                throw new HandshakeException(404, "Not Found");
            }
            return Upgrade.of(new Echo(), limits);
        }, limits, 2);
        server.start();
        return server.address();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersTheRfcSampleHandshakeAndEchoes() throws Exception {
        InetSocketAddress address = start(Limits.defaults());
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
            FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(1)));
            ByteBuffer frame = writer.encodeToSingleBuffer(true, 0, Opcode.TEXT, ByteBuffer.wrap("Hello".getBytes(StandardCharsets.UTF_8)));
            raw.send(toArray(frame));
            // RFC 6455 §5.7: a single-frame unmasked text message "Hello".
            assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'}, raw.readExactly(7));
        }
    }

    @Test
    void framesSentWithTheRequestAreNotLost() throws Exception {
        InetSocketAddress address = start(Limits.defaults());
        try (RawClient raw = new RawClient(address)) {
            FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(1)));
            ByteBuffer frame = writer.encodeToSingleBuffer(true, 0, Opcode.TEXT, ByteBuffer.wrap("early".getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(RawClient.upgradeRequest("/echo").getBytes(StandardCharsets.ISO_8859_1));
            both.write(toArray(frame));
            raw.send(both.toByteArray());
            assertTrue(raw.readHead().startsWith("HTTP/1.1 101 "));
            assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 'e', 'a', 'r', 'l', 'y'}, raw.readExactly(7));
        }
    }

    @Test
    void framesSentWithTheRequestAreNotLostWhenTheApplicationDecidesOnAnotherThread() throws Exception {
        InetSocketAddress address = start(Limits.defaults());
        java.util.concurrent.ExecutorService application = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // The acceptor answers only after the request's frame has been read along with it.
            server.setApplicationExecutor(task -> application.execute(() -> {
                sleepQuietly(100);
                task.run();
            }));
            try (RawClient raw = new RawClient(address)) {
                FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(1)));
                ByteBuffer frame = writer.encodeToSingleBuffer(true, 0, Opcode.TEXT, ByteBuffer.wrap("early".getBytes(StandardCharsets.UTF_8)));
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.write(RawClient.upgradeRequest("/echo").getBytes(StandardCharsets.ISO_8859_1));
                both.write(toArray(frame));
                raw.send(both.toByteArray());
                raw.send(toArray(writer.encodeToSingleBuffer(true, 0, Opcode.TEXT,
                        ByteBuffer.wrap("later".getBytes(StandardCharsets.UTF_8)))));
                assertTrue(raw.readHead().startsWith("HTTP/1.1 101 "));
                assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 'e', 'a', 'r', 'l', 'y'}, raw.readExactly(7));
                assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 'l', 'a', 't', 'e', 'r'}, raw.readExactly(7),
                        "a frame sent while the application decided is read once the connection is open");
            }
            assertStatus(address, RawClient.upgradeRequest("/nowhere"), "404");
        } finally {
            application.shutdownNow();
        }
    }

    /** The selector threads' stacks, for a failure message. */
    private static String loopStacks() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("ondine-nio-")) {
                b.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    b.append("\n    at ").append(stack[i]);
                }
            }
        });
        return b.toString();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refusesBadHandshakesWithTheRightStatus() throws Exception {
        InetSocketAddress address = start(Limits.builder().maxHandshakeHeaderBytes(2048).build());
        assertStatus(address, RawClient.upgradeRequest("/nowhere"), "404");
        assertStatus(address, RawClient.upgradeRequest("/echo").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"), "426");
        assertStatus(address, RawClient.upgradeRequest("/echo").replace("Sec-WebSocket-Key: " + RawClient.KEY + "\r\n", ""), "400");
        assertStatus(address, RawClient.upgradeRequest("/echo").replace("Upgrade: websocket\r\n", ""), "400");
        assertStatus(address, "GARBAGE\r\n\r\n", "400");
        assertStatus(address, RawClient.upgradeRequest("/echo", "X-Padding: " + "a".repeat(3000)), "431");
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 7"));
            String head = raw.readHead();
            assertTrue(head.contains("Sec-WebSocket-Version: 13\r\n"), "426 names the version it speaks (RFC 6455 §4.4): " + head);
        }
        // The server is still serving.
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            assertTrue(raw.readHead().startsWith("HTTP/1.1 101 "));
        }
    }

    @Test
    void dropsAClientThatDoesNotFinishItsHandshakeInTime() throws Exception {
        InetSocketAddress address = start(Limits.builder().handshakeTimeoutMillis(300).build());
        try (RawClient raw = new RawClient(address)) {
            raw.send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and then nothing: slowloris
            long t0 = System.nanoTime();
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 408 "), head);
            assertTrue(raw.closedByServer(5000));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 4000);
        }
    }

    @Test
    void protocolErrorOnTheWireEndsWith1002AndTcpClose() throws Exception {
        InetSocketAddress address = start(Limits.defaults());
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            raw.readHead();
            raw.send(new byte[] {(byte) 0x81, 0x01, 'x'}); // unmasked client frame (§5.1)
            byte[] answer = raw.readExactly(2);
            assertEquals((byte) 0x88, answer[0]);
            int len = answer[1] & 0x7F;
            byte[] payload = raw.readExactly(len);
            assertEquals(1002, ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
            assertTrue(raw.closedByServer(5000));
        }
        assertEquals("close:1002", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void clientAndServerExchangeMessagesAndClose() throws Exception {
        InetSocketAddress address = start(Limits.builder().maxMessageBytes(8 << 20).build());
        client = new NioClient(1);
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        ConnectionListener clientListener = new ConnectionListener() {
            @Override
            public void onText(String message) {
                received.add(message);
            }

            @Override
            public void onBinary(ByteBuffer message) {
                byte[] b = new byte[message.remaining()];
                message.get(b);
                received.add(b);
            }

            @Override
            public void onClose(int code, String reason) {
                received.add("close:" + code);
            }
        };
        URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/echo");
        Limits clientLimits = Limits.builder().maxMessageBytes(8 << 20).build();
        WebSocketConnection c = client.connect(uri, new ClientHandshake(uri, List.of(), List.of(), null),
                result -> Upgrade.of(clientListener, clientLimits), clientLimits, 5000).get(5, TimeUnit.SECONDS);
        c.sendText("hello", SendCallback.NOOP);
        assertEquals("hello", received.poll(5, TimeUnit.SECONDS));
        byte[] big = new byte[5 << 20];
        new Random(5).nextBytes(big);
        c.sendBinary(ByteBuffer.wrap(big), SendCallback.NOOP);
        Object echoed = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(echoed);
        assertArrayEquals(big, (byte[]) echoed);
        c.close(1000, "done");
        assertEquals("close:1000", received.poll(5, TimeUnit.SECONDS));
        assertEquals("close:1000", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void stopClosesOpenSessionsWith1001() throws Exception {
        InetSocketAddress address = start(Limits.defaults());
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            raw.readHead();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                server.stop(5, TimeUnit.SECONDS);
                stopped.countDown();
            });
            stopper.start();
            byte[] head = raw.readExactly(2);
            assertEquals((byte) 0x88, head[0]);
            byte[] payload = raw.readExactly(head[1] & 0x7F);
            assertEquals(1001, ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
            // Answer the close as a client must (masked, §5.1), then expect the server's TCP close.
            FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(2)));
            raw.send(toArray(writer.encodeToSingleBuffer(true, 0, Opcode.CLOSE, ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE9}))));
            assertTrue(raw.closedByServer(5000));
            assertTrue(stopped.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void peerThatDoesNotReadCannotGrowTheQueueWithoutBound() throws Exception {
        long limit = 256 * 1024;
        InetSocketAddress address = start(Limits.builder().maxOutgoingQueueBytes(limit).build());
        try (RawClient raw = new RawClient(address, 4096)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            raw.readHead();
            FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(3)));
            byte[] frame = toArray(writer.encodeToSingleBuffer(true, 0, Opcode.BINARY, ByteBuffer.allocate(16 * 1024)));
            // Send echo requests and never read the answers: the server must stop reading
            // (so our writes eventually block), not queue replies without bound.
            Thread writerThread = new Thread(() -> {
                try {
                    for (int i = 0; i < 4096; i++) {
                        raw.out.write(frame);
                    }
                } catch (java.io.IOException ignored) {
                    // socket closed at the end of the test
                }
            });
            writerThread.setDaemon(true);
            writerThread.start();
            // The 101 may reach us a moment before the channel has its connection: wait (bounded).
            WebSocketConnection c = null;
            NioChannel channel = null;
            long attached = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c == null && System.nanoTime() < attached) {
                channel = server.channels().iterator().next();
                c = channel.connection();
                if (c == null) {
                    Thread.sleep(5);
                }
            }
            assertNotNull(c);
            // The replies fill the queue to its limit, then reading pauses; wait for that
            // (bounded), however busy the machine is.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (c.queuedBytes() < limit && writerThread.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(c.queuedBytes() >= limit, "the replies filled the queue to its limit: " + c.queuedBytes()
                    + " (writer alive " + writerThread.isAlive() + ", read pause reasons " + c.readPauseReasons()
                    + ", socket read paused " + channel.readPausedForDiagnostics() + ", interest ops "
                    + channel.interestOpsForDiagnostics() + ", held input " + c.heldInputBytes() + ", channels "
                    + server.channels().size() + ")" + loopStacks());
            // From then on the queue stays bounded and the writer stays blocked: the server
            // reads no more from a peer that does not read.
            long bound = limit + 16 * 1024 + 64;
            for (int i = 0; i < 20; i++) {
                assertTrue(c.queuedBytes() <= bound, "queued " + c.queuedBytes() + " > " + bound);
                Thread.sleep(50);
            }
            assertTrue(writerThread.isAlive(), "64 MiB of requests went in: the server kept reading a peer that does not read");
        }
    }

    @Test
    void refusesConnectionsPastThePerAddressLimitWith503AndServesAgainOnceOneCloses() throws Exception {
        InetSocketAddress address = start(Limits.builder().maxConnectionsPerAddress(2).build());
        try (RawClient a = new RawClient(address); RawClient b = new RawClient(address)) {
            a.send(RawClient.upgradeRequest("/echo"));
            b.send(RawClient.upgradeRequest("/echo"));
            assertTrue(a.readHead().startsWith("HTTP/1.1 101 "));
            assertTrue(b.readHead().startsWith("HTTP/1.1 101 "));
            try (RawClient c = new RawClient(address)) {
                String head = c.readHead();
                assertTrue(head.startsWith("HTTP/1.1 503 "), head);
                assertTrue(c.closedByServer(5000));
            }
            a.close();
            // The count drops when a connection ends: a new one is served again.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean served = false;
            while (!served && System.nanoTime() < deadline) {
                try (RawClient d = new RawClient(address)) {
                    d.send(RawClient.upgradeRequest("/echo"));
                    served = d.readHead().startsWith("HTTP/1.1 101 ");
                }
            }
            assertTrue(served, "a connection is accepted again after one of the two closed");
        }
    }

    @Test
    void pingFloodEndsWith1008() throws Exception {
        InetSocketAddress address = start(Limits.builder().maxControlFramesPerSecond(50).build());
        try (RawClient raw = new RawClient(address)) {
            raw.send(RawClient.upgradeRequest("/echo"));
            raw.readHead();
            FrameWriter writer = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(4)));
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                flood.write(toArray(writer.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.wrap(new byte[] {1}))));
            }
            raw.send(flood.toByteArray());
            // 50 pongs (3 bytes each), then the close frame with 1008.
            byte[] pongs = raw.readExactly(50 * 3);
            for (int i = 0; i < 50; i++) {
                assertEquals((byte) 0x8A, pongs[i * 3]);
            }
            byte[] head = raw.readExactly(2);
            assertEquals((byte) 0x88, head[0]);
            byte[] payload = raw.readExactly(head[1] & 0x7F);
            assertEquals(1008, ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
            assertTrue(raw.closedByServer(5000));
        }
    }

    private static void assertStatus(InetSocketAddress address, String request, String status) throws Exception {
        try (RawClient raw = new RawClient(address)) {
            raw.send(request);
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 " + status + " "), "expected " + status + " for\n" + request + "\ngot\n" + head);
            assertTrue(raw.closedByServer(5000), "connection closed after the error response");
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
