package dev.ondine.impl.security;

import dev.ondine.api.Limits;
import dev.ondine.impl.standalone.StandaloneServer;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Inflater;

import static dev.ondine.impl.security.Hostile.KiB;
import static dev.ondine.impl.security.Hostile.MESSAGE_LIMIT;
import static dev.ondine.impl.security.Hostile.MiB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on memory and descriptors: a deflate bomb, a peer that never reads, 10,000
 * connections dropped without a close frame, and the burst of whole messages one read of
 * small compressed messages can make. A well-behaved session beside them keeps its echo.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResourceAttacksTest {
    static final long OUTGOING_LIMIT = 1L * MiB;

    private static StandaloneServer server;
    private static Wire good;

    /** Sends {@code n} fresh 64 KiB binary messages asynchronously on "n", counting refusals. */
    @ServerEndpoint("/firehose")
    public static class Firehose {
        static final AtomicInteger accepted = new AtomicInteger();
        static final AtomicInteger refused = new AtomicInteger();
        static final AtomicInteger completed = new AtomicInteger();

        @OnMessage
        public void flood(String n, Session session) {
            for (int i = 0; i < Integer.parseInt(n); i++) {
                try {
                    session.getAsyncRemote().sendBinary(ByteBuffer.wrap(new byte[64 * KiB]), result -> {
                        if (result.isOK()) {
                            completed.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    });
                    accepted.incrementAndGet();
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                }
            }
        }

        @OnError
        public void error(Throwable t) {
            // the peer never reads, then goes away
        }
    }

    /** Holds its first message until released, so that what arrives after it waits in the backlog. */
    @ServerEndpoint("/slow")
    public static class Slow {
        static volatile CountDownLatch entered = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);
        static final AtomicInteger received = new AtomicInteger();
        static volatile Session session;

        @jakarta.websocket.OnOpen
        public void open(Session s) {
            session = s;
        }

        @OnMessage
        public void binary(ByteBuffer b) throws InterruptedException {
            received.incrementAndGet();
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
        }

        @OnError
        public void error(Throwable t) {
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Limits limits = Hostile.limits()
                .maxOutgoingQueueBytes(OUTGOING_LIMIT)
                .maxConnectionsPerAddress(20_000)
                .build();
        server = Hostile.start(limits, Hostile.Echo.class, Firehose.class);
        good = Wire.open(server.address(), "/echo");
    }

    @AfterAll
    static void stop() {
        if (good != null) {
            good.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void serverStillServes() throws Exception {
        Hostile.assertStillServing(good, server);
    }

    // ------------------------------------------------------------------ deflate

    @Test
    void aDeflateBombGets1009AtTheMessageLimit() throws Exception {
        byte[] bomb = FrameAttacksTest.compress(new byte[64 * MiB]);   // 256 times the message limit
        assertTrue(bomb.length < Hostile.FRAME_LIMIT, "the bomb fits in one frame: " + bomb.length);
        long heapBefore = Hostile.usedHeap();
        long allocatedBefore = FrameAttacksTest.selectorAllocatedBytes();
        for (int firstByte : new int[] {0xC2, 0xC1}) {                 // FIN + RSV1, binary then text
            try (Wire w = Wire.open(server.address(), "/echo", FrameAttacksTest.DEFLATE)) {
                assertTrue(w.lastHead.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"), w.lastHead);
                w.send(Wire.frame(firstByte, bomb));
                assertEquals(1009, w.awaitClose());
                assertTrue(w.endsWithin(3000));
            }
        }
        long allocated = FrameAttacksTest.selectorAllocatedBytes() - allocatedBefore;
        long growth = Hostile.assertHeapBounded(heapBefore, 4L * MESSAGE_LIMIT + 8L * MiB, "deflate bomb");
        System.out.printf("[hostile] deflate bomb: %d KiB inflating to 64 MiB, twice; selector threads allocated %d KiB,"
                + " heap growth %d KiB%n", bomb.length / KiB, allocated / KiB, growth / KiB);
        if (allocatedBefore >= 0) {
            // Per bomb: the message's array (doubling up to the limit) and inflate chunks, not 64 MiB.
            assertTrue(allocated < 2 * (4L * MESSAGE_LIMIT + MiB), "allocated " + allocated);
        }
    }

    @Test
    void aCompressedMessageUnderTheLimitIsEchoed() throws Exception {
        byte[] text = "a well-behaved compressed message ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (Wire w = Wire.open(server.address(), "/echo", FrameAttacksTest.DEFLATE)) {
            w.send(Wire.frame(0xC1, FrameAttacksTest.compress(text)));
            Wire.Frame reply = w.readFrame();
            assertEquals(0xC1, reply.b0(), "FIN + RSV1 + text");
            assertArrayEquals(text, inflate(reply.payload()));
        }
    }

    // ------------------------------------------------------------------ a peer that never reads

    @Test
    void aPeerThatNeverReadsHasItsEchoesBoundedAndItsReadingPaused() throws Exception {
        long heapBefore = Hostile.usedHeap();
        byte[] request = Wire.frame(0x82, new byte[Hostile.FRAME_LIMIT]);
        AtomicLong written = new AtomicLong();
        try (Wire w = Wire.openWithReceiveBuffer(server.address(), 8 * KiB, "/echo")) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 4096; i++) {           // at most 256 MiB
                        w.send(request);
                        written.addAndGet(request.length);
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "never-reads");
            writer.setDaemon(true);
            writer.start();
            // The writer gets stuck once the server stops reading: wait until it stops making progress.
            long last = -1;
            for (int i = 0; i < 40 && written.get() != last; i++) {
                last = written.get();
                Thread.sleep(150);
            }
            long stuckAt = written.get();
            assertTrue(stuckAt < 64L * MiB, "the server kept reading: " + stuckAt / KiB + " KiB taken");
            assertEquals("still here", good.echo("still here"));
            long growth = Hostile.assertHeapBounded(heapBefore, 8L * MiB + 4 * OUTGOING_LIMIT + 16L * MiB, "never reads");
            System.out.printf("[hostile] peer that never reads: the server took %d KiB before pausing; heap growth %d KiB%n",
                    stuckAt / KiB, growth / KiB);
            w.close();
            writer.join(3000);
        }
        assertTrue(Hostile.await(() -> server.connectionCount() == 1, 5000), "connections: " + server.connectionCount());
    }

    @Test
    void asyncSendsToAPeerThatNeverReadsAreRefusedPastTheOutgoingLimit() throws Exception {
        Firehose.accepted.set(0);
        Firehose.refused.set(0);
        Firehose.completed.set(0);
        long heapBefore = Hostile.usedHeap();
        try (Wire w = Wire.openWithReceiveBuffer(server.address(), 8 * KiB, "/firehose")) {
            w.send(Wire.text("1000"));                          // 1000 x 64 KiB = 62.5 MiB asked for
            assertTrue(Hostile.await(() -> Firehose.accepted.get() + Firehose.refused.get() >= 1000, 10_000));
            Thread.sleep(200);
            long growth = Hostile.assertHeapBounded(heapBefore, 4 * OUTGOING_LIMIT + 8L * MiB, "outgoing queue");
            System.out.printf("[hostile] async firehose to a peer that never reads: %d completed, %d refused;"
                    + " heap growth %d KiB%n", Firehose.completed.get(), Firehose.refused.get(), growth / KiB);
            assertTrue(Firehose.refused.get() > 900, "refused " + Firehose.refused.get());
        }
        assertTrue(Hostile.await(() -> server.connectionCount() == 1, 5000), "connections: " + server.connectionCount());
    }

    // ------------------------------------------------------------------ 10,000 dropped connections

    @Test
    void tenThousandConnectionsDroppedWithoutACloseFrameGiveBackTheirResources() throws Exception {
        int baselineConnections = server.connectionCount();
        long fdBefore = Hostile.openFileDescriptors();
        long heapBefore = Hostile.usedHeap();
        byte[] request = Wire.request("/echo").getBytes(StandardCharsets.ISO_8859_1);
        int total = 10_000;
        int batch = 500;
        long start = System.nanoTime();
        for (int done = 0; done < total; done += batch) {
            List<Socket> open = new ArrayList<>(batch);
            try {
                for (int i = 0; i < batch; i++) {
                    Socket s = new Socket();
                    open.add(s);
                    s.connect(server.address(), 5000);
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(request);
                }
                for (Socket s : open) {
                    byte[] head = new byte[12];
                    assertEquals(12, s.getInputStream().readNBytes(head, 0, 12));
                    assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.ISO_8859_1));
                }
            } finally {
                for (int i = 0; i < open.size(); i++) {
                    Socket s = open.get(i);
                    if (i % 2 == 1) {
                        s.setSoLinger(true, 0);   // half of them end with a reset
                    }
                    s.close();
                }
            }
        }
        long openMillis = (System.nanoTime() - start) / 1_000_000;
        // Only the well-behaved session is left.
        assertTrue(Hostile.await(() -> server.connectionCount() == 1, 10_000),
                "connections still open: " + server.connectionCount());
        // A socket closed while registered with a selector gives its descriptor back when the
        // selector next deregisters it (the JDK defers that close), just after the count drops.
        if (fdBefore >= 0) {
            Hostile.await(() -> Hostile.openFileDescriptors() <= fdBefore + 16, 5_000);
        }
        long fdAfter = Hostile.openFileDescriptors();
        long growth = Hostile.assertHeapBounded(heapBefore, 32L * MiB, "10,000 dropped connections");
        System.out.printf("[hostile] 10,000 connections opened and dropped in %d ms: connections %d -> %d,"
                + " file descriptors %d -> %d, heap growth %d KiB%n", openMillis, baselineConnections,
                server.connectionCount(), fdBefore, fdAfter, growth / KiB);
        if (fdBefore >= 0) {
            assertTrue(fdAfter <= fdBefore + 16, "file descriptors " + fdBefore + " -> " + fdAfter);
        }
    }

    // ------------------------------------------------------------------ many small compressed messages in one read

    /**
     * One 64 KiB read full of small compressed messages, each inflating to a whole 1 MiB
     * message (the default limit), for an endpoint that does not keep up: reading pauses at
     * the message that takes the session's backlog past its limit (8 MiB), in the middle of
     * the read, and the rest of the read waits, compressed, until the endpoint has caught up.
     * (Before the pause could stop a read part way, one such read produced ~63 MiB of
     * messages: 126 MiB of heap under G1.)
     */
    @Test
    void oneReadOfSmallCompressedMessagesStopsAtTheBacklogLimit() throws Exception {
        Slow.entered = new CountDownLatch(1);
        Slow.release = new CountDownLatch(1);
        Slow.received.set(0);
        StandaloneServer defaults = Hostile.start(Limits.builder().closeTimeoutMillis(1000).build(), Slow.class);
        try {
            byte[] one = Wire.frame(0xC2, FrameAttacksTest.compress(new byte[Limits.DEFAULT_MAX_BINARY_MESSAGE]));
            int messages = 2 * (64 * KiB) / one.length;         // two read buffers' worth
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < messages; i++) {
                out.writeBytes(one);
            }
            long heapBefore = Hostile.usedHeap();
            try (Wire w = Wire.open(defaults.address(), "/slow", FrameAttacksTest.DEFLATE)) {
                w.send(out.toByteArray());
                assertTrue(Slow.entered.await(5, TimeUnit.SECONDS));
                Thread.sleep(500);                               // let the loop read what it will
                long held = Hostile.usedHeap() - heapBefore;
                long backlog = backlogOf(Slow.session);
                System.out.printf("[hostile] small compressed messages: %d compressed messages of %d bytes (1 MiB each inflated,"
                        + " %d KiB on the wire) sent at once; taken before reading paused: %d whole messages"
                        + " (%d MiB waiting in the backlog + 1 in the endpoint); heap held: %d MiB%n",
                        messages, one.length, out.size() / KiB, backlog / MiB + 1, backlog / MiB, held / MiB);
                // The backlog limit (8 MiB) plus the message that crossed it, not the whole read.
                assertTrue(backlog <= Limits.DEFAULT_MAX_INCOMING_BACKLOG + MiB + 64 * KiB, "backlog " + backlog / KiB + " KiB");
                assertTrue(backlog < (messages - 1L) * MiB, "reading paused before every message was inflated");
                // G1 with 1 MiB regions keeps a 1 MiB array (plus its header) in two regions: twice the payload.
                assertTrue(held < 2 * 12L * MiB, "held " + held / KiB + " KiB");
                Slow.release.countDown();
                assertTrue(Hostile.await(() -> Slow.received.get() == messages, 10_000),
                        "all delivered once released: " + Slow.received.get());
            }
        } finally {
            Slow.release.countDown();
            defaults.stop();
        }
    }

    /** The bytes of messages waiting for the endpoint in a session. */
    private static long backlogOf(Session session) {
        return ((dev.ondine.impl.jakarta.session.OndineSession) session).queuedIncomingBytes();
    }

    private static byte[] inflate(byte[] compressed) throws Exception {
        Inflater inf = new Inflater(true);
        try {
            byte[] withTail = java.util.Arrays.copyOf(compressed, compressed.length + 4);
            withTail[withTail.length - 2] = (byte) 0xFF;
            withTail[withTail.length - 1] = (byte) 0xFF;
            inf.setInput(withTail);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = inf.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }
}
