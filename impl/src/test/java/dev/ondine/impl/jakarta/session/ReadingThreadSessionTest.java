package dev.ondine.impl.jakarta.session;

import dev.ondine.api.Limits;
import dev.ondine.api.OnReadingThread;
import dev.ondine.impl.LogCapture;
import dev.ondine.impl.core.InMemoryTransport;
import dev.ondine.impl.core.OutgoingQueueFullException;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session whose endpoint runs on the reading thread ({@link OnReadingThread}), over a
 * transport made of memory: the thread that hands the connection its bytes runs the
 * callbacks, in order; a blocking send made there returns before anything is written; a full
 * outgoing queue refuses such a send rather than waits.
 */
class ReadingThreadSessionTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger pooledTasks = new AtomicInteger();
    private final FrameWriter client = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(7)));

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** A programmatic endpoint that records where and in which order it is called. */
    static final class Recorder extends Endpoint {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        volatile BiConsumer<Session, String> onText = (s, m) -> { };

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            record("open");
            session.addMessageHandler(String.class, m -> {
                record("text " + m);
                onText.accept(session, m);
            });
        }

        @Override
        public void onError(Session session, Throwable thr) {
            record("error " + thr.getClass().getSimpleName());
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            record("close " + closeReason.getCloseCode().getCode());
        }

        private void record(String event) {
            events.add(event);
            threads.add(Thread.currentThread());
        }
    }

    private record Opened(OndineSession session, WebSocketConnection connection, InMemoryTransport transport) {
    }

    private Opened open(Endpoint endpoint, ReadingThreadEndpoint readingThread, Limits limits) throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpoint.getClass(), "/x").build();
        OndineSession session = new OndineSession(new SessionContext(endpoint, config,
                new SessionContext.Request(URI.create("ws://127.0.0.1/x"), false, null, null, null),
                new SessionContext.Negotiated("", null), SessionContext.InitialLimits.from(limits),
                new SessionContext.Owner(null, new SessionRegistry(), task -> {
                    pooledTasks.incrementAndGet();
                    pool.execute(task);
                }), readingThread));
        InMemoryTransport transport = new InMemoryTransport();
        WebSocketConnection connection = Upgrade.of(session, limits).newConnection(Role.SERVER, transport, null);
        transport.connection = connection;
        connection.start();
        return new Opened(session, connection, transport);
    }

    private Opened open(Endpoint endpoint) throws Exception {
        return open(endpoint, readingThreadEndpoint(new ReadingThreadWatchdog(10_000)), Limits.builder().build());
    }

    private static ReadingThreadEndpoint readingThreadEndpoint(ReadingThreadWatchdog watchdog) {
        return new ReadingThreadEndpoint(OptedIn.class, "/x", () -> { }, watchdog);
    }

    @OnReadingThread
    static final class OptedIn {
    }

    private ByteBuffer text(String... messages) {
        ByteBuffer all = ByteBuffer.allocate(4096);
        for (String m : messages) {
            all.put(client.encodeToSingleBuffer(true, 0, Opcode.TEXT, ByteBuffer.wrap(m.getBytes(StandardCharsets.UTF_8))));
        }
        return all.flip();
    }

    @Test
    void callbacksRunOnTheReadingThreadInOrderWithoutTheHandOff() throws Exception {
        Recorder endpoint = new Recorder();
        Opened o = open(endpoint);
        assertTrue(o.session().callbacksOnReadingThread());
        o.connection().onBytesReceived(text("a", "b", "c"));
        o.connection().close(1000, "");
        o.connection().onBytesReceived(client.encodeToSingleBuffer(true, 0, Opcode.CLOSE,
                ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE8})));

        // Everything happened before the calls above returned, on this thread, in order.
        assertEquals(List.of("open", "text a", "text b", "text c", "close 1000"), endpoint.events);
        for (Thread t : endpoint.threads) {
            assertSame(Thread.currentThread(), t);
        }
        assertEquals(0, pooledTasks.get(), "nothing went to the pool");
    }

    @Test
    void pingsAreAnsweredAndPongsReachTheirHandlerOnTheReadingThread() throws Exception {
        List<Object> pongs = new ArrayList<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(jakarta.websocket.PongMessage.class,
                        (MessageHandler.Whole<jakarta.websocket.PongMessage>) pong -> {
                            pongs.add(StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString());
                            pongs.add(Thread.currentThread());
                            try {
                                session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {9})); // returns once queued
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        });
            }
        };
        Opened o = open(endpoint);
        ByteBuffer both = ByteBuffer.allocate(64);
        both.put(client.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.wrap(new byte[] {1, 2})));
        both.put(client.encodeToSingleBuffer(true, 0, Opcode.PONG, ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))));
        o.connection().onBytesReceived(both.flip());

        assertEquals(List.of("hi", Thread.currentThread()), pongs);
        byte[] out = o.transport().written.toByteArray();
        // RFC 6455 §5.5.2-3: the automatic pong with the ping's data, then our ping: one write.
        assertEquals(List.of((byte) 0x8A, (byte) 2, (byte) 1, (byte) 2, (byte) 0x89, (byte) 1, (byte) 9),
                java.util.stream.IntStream.range(0, out.length).mapToObj(i -> out[i]).toList());
    }

    @Test
    void keepaliveWorksAndItsEndReachesOnCloseOnTheThreadThatEndedTheConnection() throws Exception {
        Recorder endpoint = new Recorder();
        Opened o = open(endpoint, readingThreadEndpoint(new ReadingThreadWatchdog(10_000)),
                Limits.builder().idleTimeoutMillis(0).pingIntervalMillis(1000).pongTimeoutMillis(500).build());
        o.transport().advance(1000);
        assertArrayEquals(new byte[] {(byte) 0x89, 0}, o.transport().takeWritten(), "a keepalive ping");
        o.connection().onBytesReceived(client.encodeToSingleBuffer(true, 0, Opcode.PONG, ByteBuffer.allocate(0)));
        o.transport().advance(500);
        assertTrue(o.session().isOpen(), "answered in time");
        o.transport().advance(1000); // the next ping, never answered
        o.transport().advance(500);
        assertEquals(List.of("open", "close 1006"), endpoint.events);
        for (Thread t : endpoint.threads) {
            assertSame(Thread.currentThread(), t);
        }
        assertEquals(0, pooledTasks.get());
    }

    @Test
    void aBlockingSendFromACallbackReturnsOnceQueuedAndLeavesAtTheEndOfTheRead() throws Exception {
        Recorder endpoint = new Recorder();
        List<Integer> writesSeenAfterSend = new ArrayList<>();
        Opened[] o = new Opened[1];
        endpoint.onText = (session, m) -> {
            try {
                session.getBasicRemote().sendText("echo " + m);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            writesSeenAfterSend.add(o[0].transport().writes);
        };
        o[0] = open(endpoint);
        int before = o[0].transport().writes;
        o[0].connection().onBytesReceived(text("1", "2", "3"));

        assertEquals(List.of(before, before, before), writesSeenAfterSend, "no send waited for a write");
        assertEquals(before + 1, o[0].transport().writes, "the three replies left in one write");
        byte[] out = o[0].transport().written.toByteArray();
        assertEquals(3 * (2 + 6), out.length);
        assertEquals("echo 1echo 2echo 3", stripHeaders(out, 6));
    }

    /** The payloads of unmasked server frames of {@code payload} bytes each, joined. */
    private static String stripHeaders(byte[] frames, int payload) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frames.length; i += 2 + payload) {
            sb.append(new String(frames, i + 2, payload, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Test
    void aSendFromACallbackOntoAFullQueueFailsAtOnceAndReadingPauses() throws Exception {
        Recorder endpoint = new Recorder();
        List<Object> outcomes = new ArrayList<>();
        String big = "x".repeat(600);
        endpoint.onText = (session, m) -> {
            for (int i = 0; i < 3; i++) {
                try {
                    session.getBasicRemote().sendText(big);
                    outcomes.add("sent");
                } catch (IOException e) {
                    outcomes.add(e);
                }
            }
            Future<Void> async = session.getAsyncRemote().sendText(big);
            try {
                async.get(1, TimeUnit.SECONDS);
                outcomes.add("sent");
            } catch (Exception e) {
                outcomes.add(e.getCause());
            }
        };
        Opened o = open(endpoint, readingThreadEndpoint(new ReadingThreadWatchdog(10_000)),
                Limits.builder().maxOutgoingQueueBytes(1000).build());
        o.transport().capacity = 0; // a peer that reads nothing
        o.connection().onBytesReceived(text("go"));

        assertEquals("sent", outcomes.get(0));
        assertEquals("sent", outcomes.get(1), "the send that crosses the limit is taken");
        assertInstanceOf(OutgoingQueueFullException.class, outcomes.get(2));
        assertInstanceOf(OutgoingQueueFullException.class, outcomes.get(3), "an asynchronous send too");
        assertTrue(o.transport().paused, "reading paused while the peer leaves the queue full");
        assertTrue(o.connection().queuedBytes() >= 1200 && o.connection().queuedBytes() < 1300);
        assertTrue(o.session().isOpen(), "refused, not closed");
    }

    @Test
    void waitingOnAnAsynchronousSendsFutureFromACallbackWritesItFirst() throws Exception {
        Recorder endpoint = new Recorder();
        List<Boolean> done = new ArrayList<>();
        endpoint.onText = (session, m) -> {
            try {
                session.getAsyncRemote().sendText("reply").get(5, TimeUnit.SECONDS);
                done.add(true);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        Opened o = open(endpoint);
        long start = System.nanoTime();
        o.connection().onBytesReceived(text("x"));
        assertEquals(List.of(true), done);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "get() did not wait for its timeout");
        assertEquals(2 + 5, o.transport().written.size());
    }

    @Test
    void aStreamHandlerMovesTheSessionToThePool() throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        List<Object> got = Collections.synchronizedList(new ArrayList<>());
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) reader -> {
                    try {
                        StringBuilder sb = new StringBuilder();
                        char[] buffer = new char[64];
                        for (int n; (n = reader.read(buffer)) > 0; ) {
                            sb.append(buffer, 0, n);
                        }
                        got.add(sb.toString());
                        got.add(Thread.currentThread());
                    } catch (IOException e) {
                        got.add(e);
                    }
                    read.countDown();
                });
            }
        };
        Opened o = open(endpoint);
        ByteBuffer first = client.encodeToSingleBuffer(false, 0, Opcode.TEXT,
                ByteBuffer.wrap("hel".getBytes(StandardCharsets.UTF_8)));
        o.connection().onBytesReceived(first); // would never return if the reader ran here
        assertFalse(o.session().callbacksOnReadingThread());
        o.connection().onBytesReceived(client.encodeToSingleBuffer(true, 0, Opcode.CONTINUATION,
                ByteBuffer.wrap("lo".getBytes(StandardCharsets.UTF_8))));
        assertTrue(read.await(5, TimeUnit.SECONDS));
        assertEquals("hello", got.get(0));
        assertNotEquals(Thread.currentThread(), got.get(1));
        assertTrue(pooledTasks.get() > 0);
    }

    @Test
    void anEndpointCaughtBlockingRunsItsNewAndOpenSessionsOnThePool() throws Exception {
        ReadingThreadEndpoint shared = readingThreadEndpoint(new ReadingThreadWatchdog(10_000));
        Recorder first = new Recorder();
        Opened open = open(first, shared, Limits.builder().build());
        try (LogCapture log = LogCapture.quiet(ReadingThreadEndpoint.class)) {
            shared.stalled(Thread.currentThread(), 150, new StackTraceElement[0]);
            assertEquals(1, log.atLeast(Level.WARNING).size());
        }

        assertEquals(1, shared.stalls());
        assertFalse(open.session().callbacksOnReadingThread());
        CountDownLatch handled = new CountDownLatch(1);
        first.onText = (s, m) -> handled.countDown();
        open.connection().onBytesReceived(text("later"));
        assertTrue(handled.await(5, TimeUnit.SECONDS));
        assertNotEquals(Thread.currentThread(), first.threads.get(first.threads.size() - 1));

        Recorder second = new Recorder();
        Opened fresh = open(second, shared, Limits.builder().build());
        assertFalse(fresh.session().callbacksOnReadingThread(), "a new session starts on the pool");
    }

    @Test
    void thePropertyOptsInAndOutAndWinsOverTheAnnotation() {
        ReadingThreadEndpoint annotated = readingThreadEndpoint(new ReadingThreadWatchdog(10_000));
        ReadingThreadEndpoint plain = new ReadingThreadEndpoint(Recorder.class, "/p", () -> { },
                new ReadingThreadWatchdog(10_000));
        assertTrue(annotated.requested(Map.of()));
        assertFalse(plain.requested(Map.of()));
        assertTrue(plain.requested(Map.of(OnReadingThread.PROPERTY, true)));
        assertTrue(plain.requested(Map.of(OnReadingThread.PROPERTY, " TRUE ")));
        assertFalse(annotated.requested(Map.of(OnReadingThread.PROPERTY, "false")));
        assertFalse(annotated.requested(Map.of(OnReadingThread.PROPERTY, Boolean.FALSE)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plain.requested(Map.of(OnReadingThread.PROPERTY, "yes")));
        assertTrue(e.getMessage().contains(OnReadingThread.PROPERTY), e.getMessage());
        assertNull(plain.forSession(ServerEndpointConfig.Builder.create(Recorder.class, "/p").build()));
    }
}
