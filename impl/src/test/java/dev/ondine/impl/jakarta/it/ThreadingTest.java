package dev.ondine.impl.jakarta.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ondine.impl.jakarta.it.EventClient.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Threading (Jakarta WebSocket 2.2 §5.1): calls into one endpoint instance never overlap,
 * messages keep their order, and one session's blocked handler holds up only that session.
 */
class ThreadingTest {

    /** Counts how many of its callbacks run at once. */
    @ServerEndpoint("/overlap")
    public static class OverlapDetector {
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicInteger maxActive = new AtomicInteger();
        private int calls;

        private void enter() {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            for (int i = 0; i < 2_000; i++) {
                Thread.yield(); // give an overlapping call the chance to show itself
            }
            calls++;
            active.decrementAndGet();
        }

        @OnOpen
        public void open() {
            enter();
        }

        @OnMessage
        public String text(String text) {
            enter();
            return text.equals("report") ? "calls=" + calls + " max=" + maxActive.get() : null;
        }

        @OnMessage
        public void binary(ByteBuffer data) {
            enter();
        }

        @OnMessage
        public void pong(PongMessage pong) {
            enter();
        }
    }

    @ServerEndpoint("/order")
    public static class Order {
        private int expected;

        @OnMessage
        public String message(String text) {
            int n = Integer.parseInt(text);
            String reply = n == expected ? text : "out of order: " + n + " instead of " + expected;
            expected = n + 1;
            return reply;
        }
    }

    static volatile CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile CountDownLatch BLOCKED = new CountDownLatch(1);

    @ServerEndpoint("/blocking")
    public static class Blocking {
        @OnMessage
        public String message(String text) throws InterruptedException {
            if (text.equals("block")) {
                BLOCKED.countDown();
                boolean released = RELEASE.await(Waits.SECONDS, TimeUnit.SECONDS);
                return released ? "released" : "never released";
            }
            return "echo " + text;
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(OverlapDetector.class, Order.class,
            Blocking.class));

    @Test
    void callbacksOfOneSessionNeverOverlap() throws Exception {
        try (EventClient c = SERVER.connect("/overlap")) {
            int messages = 300;
            for (int i = 0; i < messages; i++) {
                switch (i % 3) {
                    case 0 -> c.session.getAsyncRemote().sendText("t" + i);
                    case 1 -> c.session.getAsyncRemote().sendBinary(bytes("b" + i));
                    default -> c.session.getBasicRemote().sendPong(bytes("p" + i));
                }
            }
            // onOpen, every message, and the report itself
            assertEquals("calls=" + (messages + 2) + " max=1", c.ask("report"));
        }
    }

    @Test
    void orderIsKeptForAThousandPipelinedMessages() throws Exception {
        try (EventClient c = SERVER.connect("/order")) {
            for (int i = 0; i < 1000; i++) {
                c.session.getAsyncRemote().sendText(Integer.toString(i));
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(Integer.toString(i), c.nextText());
            }
        }
    }

    @Test
    void aBlockedSessionDoesNotStallAnother() throws Exception {
        RELEASE = new CountDownLatch(1);
        BLOCKED = new CountDownLatch(1);
        try (EventClient blocked = SERVER.connect("/blocking");
             EventClient other = SERVER.connect("/blocking")) {
            blocked.send("block");
            blocked.send("queued behind the block");
            Waits.await(BLOCKED, "the handler blocking");
            for (int i = 0; i < 20; i++) {
                assertEquals("echo " + i, other.ask(Integer.toString(i)));
            }
            RELEASE.countDown();
            assertEquals("released", blocked.nextText());
            assertEquals("echo queued behind the block", blocked.nextText());
        } finally {
            RELEASE.countDown();
        }
    }

    @Test
    void manySessionsEchoInParallel() throws Exception {
        int sessions = 20;
        EventClient[] clients = new EventClient[sessions];
        try {
            for (int i = 0; i < sessions; i++) {
                clients[i] = SERVER.connect("/blocking");
            }
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < sessions; i++) {
                    clients[i].send(i + "/" + round);
                }
                for (int i = 0; i < sessions; i++) {
                    assertEquals("echo " + i + "/" + round, clients[i].nextText());
                }
            }
        } finally {
            for (EventClient c : clients) {
                if (c != null) {
                    closeQuietly(c);
                }
            }
        }
    }

    private static void closeQuietly(EventClient c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the server is stopped after the class anyway
        }
    }
}
