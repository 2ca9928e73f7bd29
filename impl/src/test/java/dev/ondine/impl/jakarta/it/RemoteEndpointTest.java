package dev.ondine.impl.jakarta.it;

import dev.ondine.impl.transport.nio.RawClient;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.ondine.impl.jakarta.it.EventClient.bytes;
import static dev.ondine.impl.jakarta.it.EventClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code RemoteEndpoint.Basic} and {@code RemoteEndpoint.Async} of a server session (§2.1.4). */
class RemoteEndpointTest {

    static final String BIG = "0123456789abcdef".repeat(10_000); // 160 000 chars: several fragments

    public record Money(long cents) {
    }

    public static class MoneyEncoder implements Encoder.Text<Money> {
        @Override
        public String encode(Money m) throws EncodeException {
            return String.format("%d.%02d", m.cents() / 100, m.cents() % 100);
        }
    }

    @ServerEndpoint(value = "/remote", encoders = MoneyEncoder.class)
    public static class Remote {
        @OnMessage
        public void command(String command, Session session) throws Exception {
            RemoteEndpoint.Basic basic = session.getBasicRemote();
            RemoteEndpoint.Async async = session.getAsyncRemote();
            String[] parts = command.split(":", 2);
            switch (parts[0]) {
                case "whole" -> {
                    basic.sendText("text");
                    basic.sendBinary(bytes("binary"));
                }
                case "partial-text" -> {
                    basic.sendText("a", false);
                    basic.sendText("b", false);
                    basic.sendText("c", true);
                }
                case "partial-binary" -> {
                    basic.sendBinary(bytes("1"), false);
                    basic.sendBinary(bytes("2"), false);
                    basic.sendBinary(bytes("3"), true);
                }
                case "stream" -> {
                    try (OutputStream out = basic.getSendStream()) {
                        out.write(BIG.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        out.write('!');
                    }
                }
                case "writer" -> {
                    try (Writer out = basic.getSendWriter()) {
                        out.write(BIG);
                        out.write("€");
                    }
                }
                case "object" -> {
                    basic.sendObject(new Money(1234));
                    basic.sendObject(7);
                    basic.sendObject(bytes("raw"));
                }
                case "ping" -> basic.sendPing(bytes(parts[1]));
                case "pong" -> basic.sendPong(bytes(parts[1]));
                case "batch" -> {
                    basic.setBatchingAllowed(true);
                    String allowed = "allowed=" + basic.getBatchingAllowed();
                    basic.sendText("batched 1");
                    basic.sendText("batched 2");
                    async.sendText(allowed);
                    SERVER_EVENTS.add("batched");
                    LATCH.await(Waits.SECONDS, TimeUnit.SECONDS);
                    basic.flushBatch();
                    basic.setBatchingAllowed(false);
                    basic.sendText("after batch allowed=" + basic.getBatchingAllowed());
                }
                case "future" -> {
                    Future<Void> f = async.sendText("by future");
                    f.get(Waits.SECONDS, TimeUnit.SECONDS);
                    Future<Void> g = async.sendBinary(bytes("binary by future"));
                    g.get(Waits.SECONDS, TimeUnit.SECONDS);
                    Future<Void> h = async.sendObject(new Money(5));
                    h.get(Waits.SECONDS, TimeUnit.SECONDS);
                    basic.sendText("done=" + f.isDone() + g.isDone() + h.isDone());
                }
                case "handler" -> {
                    BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
                    async.sendText("by handler", results::add);
                    async.sendBinary(bytes("binary by handler"), results::add);
                    async.sendObject(new Money(99), results::add);
                    StringBuilder ok = new StringBuilder();
                    for (int i = 0; i < 3; i++) {
                        SendResult r = results.poll(Waits.SECONDS, TimeUnit.SECONDS);
                        ok.append(r != null && r.isOK() && r.getException() == null);
                    }
                    basic.sendText("results=" + ok);
                }
                case "concurrent" -> {
                    int threads = 8;
                    int each = Integer.parseInt(parts[1]);
                    List<Thread> senders = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int id = t;
                        senders.add(new Thread(() -> {
                            for (int i = 0; i < each; i++) {
                                String payload = id + ":" + i + ":" + "x".repeat((id * 37 + i) % 300);
                                if (i % 2 == 0) {
                                    async.sendText(payload);
                                } else {
                                    async.sendBinary(bytes(payload));
                                }
                            }
                        }));
                    }
                    senders.forEach(Thread::start);
                    for (Thread t : senders) {
                        t.join(Waits.SECONDS * 1000);
                    }
                }
                default -> basic.sendText("unknown " + command);
            }
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) throws IOException {
            session.getBasicRemote().sendText("server got pong:" + utf8(pong.getApplicationData()));
        }
    }

    static final BlockingQueue<String> SERVER_EVENTS = new LinkedBlockingQueue<>();
    static volatile CountDownLatch LATCH = new CountDownLatch(1);
    static final BlockingQueue<Throwable> TIMEOUTS = new LinkedBlockingQueue<>();

    static ByteBuffer larger(int megabytes) {
        return ByteBuffer.allocate(megabytes * 1024 * 1024);
    }

    /** Sends one message larger than the socket buffers and the outgoing queue to a peer that never reads. */
    @ServerEndpoint("/slow-handler")
    public static class SlowPeerHandler {
        @OnOpen
        public void open(Session session) {
            RemoteEndpoint.Async async = session.getAsyncRemote();
            async.setSendTimeout(300);
            async.sendBinary(larger(32), result -> TIMEOUTS.add(result.isOK() ? new AssertionError("sent?") : result.getException()));
        }
    }

    /** The same with the Future form. */
    @ServerEndpoint("/slow-future")
    public static class SlowPeerFuture {
        @OnOpen
        public void open(Session session) {
            RemoteEndpoint.Async async = session.getAsyncRemote();
            async.setSendTimeout(300);
            Future<Void> f = async.sendBinary(larger(32));
            try {
                f.get(Waits.SECONDS, TimeUnit.SECONDS);
                TIMEOUTS.add(new AssertionError("sent?"));
            } catch (ExecutionException e) {
                TIMEOUTS.add(e.getCause());
            } catch (Exception e) {
                TIMEOUTS.add(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(Remote.class, SlowPeerHandler.class, SlowPeerFuture.class));


    @Test
    void wholeTextAndBinary() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("whole");
            assertEquals("text", c.nextText());
            assertEquals("binary", utf8(c.nextBinary()));
        }
    }

    @Test
    void partialTextArrivesAsOneMessage() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            assertEquals("abc", c.ask("partial-text"));
        }
    }

    @Test
    void partialBinaryArrivesAsOneMessage() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("partial-binary");
            assertEquals("123", utf8(c.nextBinary()));
        }
    }

    @Test
    void sendStreamArrivesAsOneMessage() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("stream");
            assertEquals(BIG + "!", utf8(c.nextBinary()));
            assertTrue(c.binaries.isEmpty() && c.texts.isEmpty());
        }
    }

    @Test
    void sendWriterArrivesAsOneMessage() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            assertEquals(BIG + "€", c.ask("writer"));
        }
    }

    @Test
    void sendObjectWithAnEncoderAPrimitiveAndAByteBuffer() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            assertEquals("12.34", c.ask("object"));
            assertEquals("7", c.nextText());
            assertEquals("raw", utf8(c.nextBinary()));
        }
    }

    @Test
    void serverPingIsAnsweredByTheClientsPong() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            assertEquals("server got pong:hello", c.ask("ping:hello"));
        }
    }

    @Test
    void serverPongReachesTheClientsPongHandler() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("pong:unsolicited");
            assertEquals("unsolicited", utf8(Waits.next(c.pongs, "pong")));
        }
    }

    @Test
    void clientPingIsAnsweredByTheServer() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.session.getBasicRemote().sendPing(bytes("are you there"));
            assertEquals("are you there", utf8(Waits.next(c.pongs, "pong")));
        }
    }

    @Test
    void batchedMessagesWaitForFlushBatch() throws Exception {
        LATCH = new CountDownLatch(1);
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("batch");
            // Blocking sends return once their message is in the batch (RemoteEndpoint javadoc);
            // waiting for the write of a held-back frame would never end before flushBatch.
            Waits.next(SERVER_EVENTS, "batched sends returning");
            LATCH.countDown();
            assertEquals("batched 1", c.nextText());
            assertEquals("batched 2", c.nextText());
            assertEquals("allowed=true", c.nextText());
            assertEquals("after batch allowed=false", c.nextText());
        }
    }

    @Test
    void asyncFutureForms() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("future");
            assertEquals("by future", c.nextText());
            assertEquals("binary by future", utf8(c.nextBinary()));
            assertEquals("0.05", c.nextText());
            assertEquals("done=truetruetrue", c.nextText());
        }
    }

    @Test
    void asyncSendHandlerForms() throws Exception {
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("handler");
            assertEquals("by handler", c.nextText());
            assertEquals("binary by handler", utf8(c.nextBinary()));
            assertEquals("0.99", c.nextText());
            assertEquals("results=truetruetrue", c.nextText());
        }
    }

    @Test
    void concurrentAsyncSendsFromManyThreadsArriveIntactAndInEachThreadsOrder() throws Exception {
        int each = 250;
        try (EventClient c = SERVER.connect("/remote")) {
            c.send("concurrent:" + each);
            Map<Integer, Integer> nextPerThread = new HashMap<>();
            for (int n = 0; n < 8 * each; n++) {
                Object message = Waits.next(c.arrivals, "message " + n);
                String text = message instanceof ByteBuffer b ? utf8(b) : (String) message;
                String[] f = text.split(":", 3);
                int id = Integer.parseInt(f[0]);
                int i = Integer.parseInt(f[1]);
                assertEquals("x".repeat((id * 37 + i) % 300), f[2], "payload of " + id + ":" + i);
                assertEquals(i % 2 == 0, message instanceof String, "kind of " + id + ":" + i);
                assertEquals(nextPerThread.getOrDefault(id, 0), i, "order of thread " + id);
                nextPerThread.put(id, i + 1);
            }
            assertEquals(8, nextPerThread.size());
            nextPerThread.values().forEach(v -> assertEquals(each, v));
        }
    }

    @Test
    void asyncSendToAPeerThatDoesNotReadTimesOutInTheSendHandler() throws Exception {
        assertSendTimesOut("/slow-handler");
    }

    @Test
    void asyncSendToAPeerThatDoesNotReadTimesOutInTheFuture() throws Exception {
        assertSendTimesOut("/slow-future");
    }

    private static void assertSendTimesOut(String path) throws Exception {
        TIMEOUTS.clear();
        try (RawClient raw = new RawClient(SERVER.server().address())) {
            raw.send(RawClient.upgradeRequest(path));
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            Throwable failure = Waits.next(TIMEOUTS, "send result");
            assertInstanceOf(SocketTimeoutException.class, failure, String.valueOf(failure));
        }
    }

    @Test
    void closeReasonOfTheClientIsEchoedBack() throws Exception {
        EventClient c = SERVER.connect("/remote");
        c.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        assertEquals("done", c.nextClose().getReasonPhrase());
    }
}
