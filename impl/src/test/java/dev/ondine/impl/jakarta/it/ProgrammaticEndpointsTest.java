package dev.ondine.impl.jakarta.it;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.ondine.impl.jakarta.it.EventClient.bytes;
import static dev.ondine.impl.jakarta.it.EventClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programmatic endpoints (Jakarta WebSocket 2.2 §2.1.1–§2.1.3, {@code Session.addMessageHandler}
 * and {@code removeMessageHandler}, {@code Endpoint.onError}/{@code onClose}).
 */
class ProgrammaticEndpointsTest {

    static void send(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whole handlers whose message type comes from their generic superinterface. */
    public static class GenericWhole extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String message) {
                    send(session, "whole:" + message);
                }
            });
            session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
                @Override
                public void onMessage(ByteBuffer message) {
                    send(session, "whole binary:" + utf8(message));
                }
            });
        }
    }

    /** A partial handler whose type comes from its generic superinterface. */
    public static class GenericPartial extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            StringBuilder parts = new StringBuilder();
            session.addMessageHandler(new MessageHandler.Partial<String>() {
                @Override
                public void onMessage(String part, boolean last) {
                    parts.append(part);
                    if (last) {
                        send(session, "[" + parts + "]");
                        parts.setLength(0);
                    }
                }
            });
        }
    }

    /** Lambdas, typed by the Class overloads. */
    public static class Lambdas extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) n -> send(session, "int:" + (n * 2)));
            StringBuilder parts = new StringBuilder();
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                parts.append(utf8(part));
                if (last) {
                    send(session, "bytes:" + parts);
                    parts.setLength(0);
                }
            });
        }
    }

    /** Tries a second handler for each native type; reports what it got. */
    public static class SecondHandler extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> send(session, "first:" + text));
            session.addMessageHandler(ByteBuffer.class, data -> { });
            StringBuilder report = new StringBuilder();
            report.append(attempt(() -> session.addMessageHandler(String.class, text -> { })));
            report.append(attempt(() -> session.addMessageHandler(Reader.class, r -> { })));
            report.append(attempt(() -> session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, l) -> { })));
            report.append(attempt(() -> session.addMessageHandler(byte[].class, data -> { })));
            report.append(attempt(() -> session.addMessageHandler(Thread.class, t -> { })));
            MessageHandler.Whole<String> lambda = text -> { };
            report.append(attempt(() -> session.addMessageHandler(lambda)));
            send(session, report.toString());
        }

        private static String attempt(Runnable r) {
            try {
                r.run();
                return "added;";
            } catch (IllegalStateException e) {
                return "ISE;";
            }
        }
    }

    /** "swap" replaces the text handler, "remove" leaves none. */
    public static class Removing extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    if (text.equals("swap")) {
                        session.removeMessageHandler(this);
                        session.addMessageHandler(String.class, t -> send(session, "second:" + t));
                        send(session, "swapped " + session.getMessageHandlers().size());
                    } else {
                        send(session, "first:" + text);
                    }
                }
            });
        }
    }

    public static class RemovingAll extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    session.removeMessageHandler(this);
                    send(session, "removed " + session.getMessageHandlers().size());
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> send(session, "still open"));
        }
    }

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    public static class Lifecycle extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                throw new IllegalArgumentException("handler failed on " + text);
            });
        }

        @Override
        public void onError(Session session, Throwable thr) {
            send(session, "onError:" + thr.getClass().getSimpleName() + ":" + thr.getMessage());
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            EVENTS.add("onClose:" + closeReason.getCloseCode().getCode() + ":" + closeReason.getReasonPhrase());
        }
    }

    /** onOpen returns only once the test has sent: the messages arrive before the handlers exist. */
    static final BlockingQueue<CountDownLatch> OPEN_GATES = new LinkedBlockingQueue<>();

    static void waitAtTheGate() {
        try {
            CountDownLatch gate = OPEN_GATES.poll(Waits.SECONDS, TimeUnit.SECONDS);
            if (gate != null) {
                gate.await(Waits.SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static class LatePartial extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            waitAtTheGate();
            session.addMessageHandler(String.class, (part, last) -> send(session, "part:" + part + ":" + last));
        }
    }

    public static class LateWhole extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            waitAtTheGate();
            session.setMaxTextMessageBufferSize(4);
            session.addMessageHandler(String.class, message -> send(session, "whole:" + message));
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b
            .endpoint(ServerEndpointConfig.Builder.create(LatePartial.class, "/late-partial").build())
            .endpoint(ServerEndpointConfig.Builder.create(LateWhole.class, "/late-whole").build())
            .endpoint(ServerEndpointConfig.Builder.create(GenericWhole.class, "/whole").build())
            .endpoint(ServerEndpointConfig.Builder.create(GenericPartial.class, "/partial").build())
            .endpoint(ServerEndpointConfig.Builder.create(Lambdas.class, "/lambdas").build())
            .endpoint(ServerEndpointConfig.Builder.create(SecondHandler.class, "/second").build())
            .endpoint(ServerEndpointConfig.Builder.create(Removing.class, "/remove").build())
            .endpoint(ServerEndpointConfig.Builder.create(RemovingAll.class, "/remove-all").build())
            .endpoint(ServerEndpointConfig.Builder.create(Lifecycle.class, "/lifecycle").build()));


    /** The handler onOpen registers decides, also for what arrived before it returned (EarlyMessage). */
    @Test
    void aMessageSentBeforeOnOpenReturnsReachesAPartialHandlerInItsParts() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        OPEN_GATES.add(gate);
        try (EventClient c = SERVER.connect("/late-partial")) {
            c.session.getBasicRemote().sendText("x", false);
            c.session.getBasicRemote().sendText("y", true);
            gate.countDown();
            assertEquals("part:x:false", c.nextText());
            assertEquals("part:y:true", c.nextText());
        }
    }

    @Test
    void aMessageSentBeforeOnOpenReturnsReachesAWholeHandlerAssembled() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        OPEN_GATES.add(gate);
        try (EventClient c = SERVER.connect("/late-whole")) {
            c.session.getBasicRemote().sendText("ab", false);
            c.session.getBasicRemote().sendText("c", true);
            gate.countDown();
            assertEquals("whole:abc", c.nextText());
        }
    }

    /**
     * The buffer size onOpen set applies to a message that arrived before it returned. (A
     * message over it fails the connection at once, so it is sent alone: a reply to an
     * earlier message could not follow the 1009.)
     */
    @Test
    void aMessageSentBeforeOnOpenReturnsMeetsTheLimitsOnOpenSet() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        OPEN_GATES.add(gate);
        try (EventClient c = SERVER.connect("/late-whole")) {
            c.session.getBasicRemote().sendText("12345678");
            gate.countDown();
            assertEquals(1009, c.nextClose().getCloseCode().getCode());
        }
    }

    @Test
    void wholeHandlersTypedByGenerics() throws Exception {
        try (EventClient c = SERVER.connect("/whole")) {
            assertEquals("whole:a", c.ask("a"));
            c.session.getBasicRemote().sendBinary(bytes("b"));
            assertEquals("whole binary:b", c.nextText());
        }
    }

    @Test
    void partialHandlerTypedByGenerics() throws Exception {
        // Parts need not match frames: the container may join frames that arrive together.
        try (EventClient c = SERVER.connect("/partial")) {
            c.session.getBasicRemote().sendText("x", false);
            c.session.getBasicRemote().sendText("y", true);
            assertEquals("[xy]", c.nextText());
            assertEquals("[whole]", c.ask("whole"));
        }
    }

    @Test
    void lambdasTypedByTheClassOverloads() throws Exception {
        try (EventClient c = SERVER.connect("/lambdas")) {
            assertEquals("int:42", c.ask("21"));
            c.session.getBasicRemote().sendBinary(bytes("ab"), false);
            c.session.getBasicRemote().sendBinary(bytes("cd"), true);
            assertEquals("bytes:abcd", c.nextText());
        }
    }

    @Test
    void aSecondHandlerForTheSameNativeTypeIsRefused() throws Exception {
        // text Whole, Reader (text), text Partial, byte[] (binary), a type with no decoder,
        // and a lambda through the untyped overload (its type cannot be found).
        try (EventClient c = SERVER.connect("/second")) {
            assertEquals("ISE;ISE;ISE;ISE;ISE;ISE;", c.nextText());
            assertEquals("first:still", c.ask("still"));
        }
    }

    @Test
    void removedHandlerIsReplacedByANewOne() throws Exception {
        try (EventClient c = SERVER.connect("/remove")) {
            assertEquals("first:a", c.ask("a"));
            assertEquals("swapped 1", c.ask("swap"));
            assertEquals("second:b", c.ask("b"));
        }
    }

    @Test
    void aTextMessageWithNoHandlerIsDroppedAndTheSessionStaysOpen() throws Exception {
        try (EventClient c = SERVER.connect("/remove-all")) {
            assertEquals("removed 1", c.ask("a"));
            c.send("b");
            c.session.getBasicRemote().sendText("c", false);
            c.session.getBasicRemote().sendText("d", true);
            c.session.getBasicRemote().sendBinary(bytes("e"));
            assertEquals("still open", c.nextText());
            assertTrue(c.session.isOpen());
        }
    }

    @Test
    void handlerExceptionReachesOnErrorAndCloseReachesOnClose() throws Exception {
        EVENTS.clear();
        EventClient c = SERVER.connect("/lifecycle");
        assertEquals("onError:IllegalArgumentException:handler failed on x", c.ask("x"));
        c.session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "leaving"));
        assertEquals("onClose:1001:leaving", Waits.next(EVENTS, "onClose"));
    }
}
