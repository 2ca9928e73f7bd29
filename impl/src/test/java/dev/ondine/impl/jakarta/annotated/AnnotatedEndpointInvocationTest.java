package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.LogCapture;
import dev.ondine.impl.jakarta.annotated.TestCodecs.Point;
import dev.ondine.impl.jakarta.annotated.TestCodecs.PointBinaryDecoder;
import dev.ondine.impl.jakarta.annotated.TestCodecs.PointTextDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter at run time, driven through a recording {@link Session}: lifecycle calls,
 * handler registration by type, argument binding in any order, path parameter conversion,
 * return values, and the routing of errors (Jakarta WebSocket 2.2 §4, §5.2.2).
 */
class AnnotatedEndpointInvocationTest {

    private static final EndpointConfig CONFIG = new EndpointConfig() {
        private final Map<String, Object> properties = new HashMap<>();

        @Override
        public List<Class<? extends Encoder>> getEncoders() {
            return List.of();
        }

        @Override
        public List<Class<? extends Decoder>> getDecoders() {
            return List.of();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return properties;
        }
    };

    private static final PongMessage PONG = () -> ByteBuffer.wrap(new byte[] {1, 2});

    private static <T> AnnotatedEndpoint endpoint(Class<T> type, T instance, String... templateVariables)
            throws Exception {
        return AnnotatedEndpointModel.forServer(type, Set.of(templateVariables)).newEndpoint(instance);
    }

    // ---------------------------------------------------------------- a complete endpoint

    @ServerEndpoint("/rooms/{room}/{id}")
    public static class Chat {
        final List<String> calls = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        Session openSession;
        EndpointConfig openConfig;
        CloseReason closeReason;

        @OnOpen
        public void open(@PathParam("id") int id, Session session, EndpointConfig config,
                         @PathParam("room") String room) {
            calls.add("open " + room + " " + id);
            openSession = session;
            openConfig = config;
        }

        @OnMessage(maxMessageSize = 100)
        public String text(Session session, String message, @PathParam("id") int id) {
            calls.add("text " + message + " " + session.getId());
            return message + "#" + id;
        }

        @OnMessage(maxMessageSize = 50)
        public void binary(byte[] part, @PathParam("room") String room, boolean last) {
            calls.add("part " + part.length + " " + last + " " + room);
        }

        @OnMessage
        public void pong(PongMessage pong) {
            calls.add("pong " + pong.getApplicationData().remaining());
        }

        @OnClose
        public void close(CloseReason reason, Session session) {
            calls.add("close " + session.getId());
            closeReason = reason;
        }

        @OnError
        public void error(Throwable error, @PathParam("room") String room) {
            calls.add("error in " + room);
            errors.add(error);
        }
    }

    private static RecordingSession chatSession(String room, String id) {
        return new RecordingSession().withPathParameter("room", room).withPathParameter("id", id);
    }

    @Test
    void onOpenCallsTheMethodWithSessionConfigAndConvertedPathParametersInAnyOrder() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, chat, "room", "id").onOpen(session, CONFIG);
        assertEquals(List.of("open lobby 7"), chat.calls);
        assertSame(session, chat.openSession);
        assertSame(CONFIG, chat.openConfig);
    }

    @Test
    void onOpenRegistersOneTypedHandlerPerMessageMethod() throws Exception {
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, new Chat(), "room", "id").onOpen(session, CONFIG);
        assertEquals(3, session.registrations.size());
        assertTrue(session.whole(String.class) instanceof MessageHandler.Whole);
        assertTrue(session.partial(byte[].class) instanceof MessageHandler.Partial);
        assertTrue(session.whole(PongMessage.class) instanceof MessageHandler.Whole);
    }

    @Test
    void maxMessageSizeSetsTheBufferOfWholeMessagesOnly() throws Exception {
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, new Chat(), "room", "id").onOpen(session, CONFIG);
        assertEquals(100, session.maxTextMessageBufferSize);
        // The binary method takes parts: the @OnMessage javadoc excludes it from the limit.
        assertEquals(RecordingSession.DEFAULT_BUFFER_SIZE, session.maxBinaryMessageBufferSize);
    }

    @Test
    void textHandlerCallsTheMethodAndSendsTheReturnValue() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, chat, "room", "id").onOpen(session, CONFIG);
        session.whole(String.class).onMessage("hi");
        assertEquals("text hi test-session", chat.calls.get(1));
        assertEquals(List.of("hi#7"), session.basicRemote.sentObjects);
    }

    @Test
    void partialHandlerPassesThePartTheLastFlagAndPathParameters() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, chat, "room", "id").onOpen(session, CONFIG);
        MessageHandler.Partial<byte[]> handler = session.partial(byte[].class);
        handler.onMessage(new byte[3], false);
        handler.onMessage(new byte[2], true);
        assertEquals(List.of("part 3 false lobby", "part 2 true lobby"), chat.calls.subList(1, 3));
        assertTrue(session.basicRemote.sentObjects.isEmpty(), "a void method sends nothing");
    }

    @Test
    void pongHandlerCallsThePongMethod() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, chat, "room", "id").onOpen(session, CONFIG);
        session.whole(PongMessage.class).onMessage(PONG);
        assertEquals("pong 2", chat.calls.get(1));
    }

    @Test
    void onCloseCallsTheMethodWithReasonAndSession() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye");
        endpoint(Chat.class, chat, "room", "id").onClose(session, reason);
        assertEquals(List.of("close test-session"), chat.calls);
        assertSame(reason, chat.closeReason);
    }

    @Test
    void onErrorCallsTheMethodWithTheErrorAndPathParameters() throws Exception {
        Chat chat = new Chat();
        IllegalStateException error = new IllegalStateException("broken");
        endpoint(Chat.class, chat, "room", "id").onError(chatSession("lobby", "7"), error);
        assertEquals(List.of("error in lobby"), chat.calls);
        assertEquals(List.of(error), chat.errors);
    }

    @Test
    void unconvertiblePathParameterIsADecodeExceptionForOnErrorAndTheMethodIsNotCalled() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "seven");
        AnnotatedEndpoint endpoint = endpoint(Chat.class, chat, "room", "id");
        endpoint.onOpen(session, CONFIG);
        session.whole(String.class).onMessage("hi");

        assertEquals(List.of("error in lobby", "error in lobby"), chat.calls);
        for (Throwable error : chat.errors) {
            DecodeException decode = assertInstanceOf(DecodeException.class, error);
            assertEquals("seven", decode.getText());
            assertInstanceOf(NumberFormatException.class, decode.getCause());
        }
        assertTrue(session.basicRemote.sentObjects.isEmpty());
    }

    @Test
    void aFailedSendOfTheReturnValueGoesToOnError() throws Exception {
        Chat chat = new Chat();
        RecordingSession session = chatSession("lobby", "7");
        endpoint(Chat.class, chat, "room", "id").onOpen(session, CONFIG);
        IOException ioFailure = new IOException("closed");
        session.basicRemote.failWith(ioFailure);
        session.whole(String.class).onMessage("hi");
        EncodeException encodeFailure = new EncodeException("hi#7", "no encoder");
        session.basicRemote.failWith(encodeFailure);
        session.whole(String.class).onMessage("hi");
        assertEquals(List.of(ioFailure, encodeFailure), chat.errors);
    }

    // ---------------------------------------------------------------- exceptions from user methods

    public static class UserError extends Error {
        private static final long serialVersionUID = 1L;
    }

    @ServerEndpoint("/throwing")
    public static class Throwing {
        final List<Throwable> errors = new ArrayList<>();
        final RuntimeException runtime = new IllegalArgumentException("runtime");
        final IOException checked = new IOException("checked");
        final UserError error = new UserError();

        @OnMessage
        public void text(String message) throws IOException {
            switch (message) {
                case "runtime":
                    throw runtime;
                case "checked":
                    throw checked;
                default:
                    throw error;
            }
        }

        @OnError
        public void error(Throwable error) {
            errors.add(error);
        }
    }

    @Test
    void runtimeExceptionsAndErrorsPropagateUnchangedFromTheHandler() throws Exception {
        Throwing throwing = new Throwing();
        RecordingSession session = new RecordingSession();
        endpoint(Throwing.class, throwing).onOpen(session, CONFIG);
        MessageHandler.Whole<String> handler = session.whole(String.class);
        assertSame(throwing.runtime, assertThrows(RuntimeException.class, () -> handler.onMessage("runtime")));
        assertSame(throwing.error, assertThrows(UserError.class, () -> handler.onMessage("error")));
        assertTrue(throwing.errors.isEmpty(), "the session, not the handler, routes it to onError");
    }

    @Test
    void checkedExceptionsPropagateWrappedAndOnErrorUnwrapsThem() throws Exception {
        Throwing throwing = new Throwing();
        RecordingSession session = new RecordingSession();
        AnnotatedEndpoint endpoint = endpoint(Throwing.class, throwing);
        endpoint.onOpen(session, CONFIG);
        AnnotatedMethodException wrapped = assertThrows(AnnotatedMethodException.class,
                () -> session.whole(String.class).onMessage("checked"));
        assertSame(throwing.checked, wrapped.getCause());

        endpoint.onError(session, wrapped); // what the session does with it
        assertEquals(List.of(throwing.checked), throwing.errors);
    }

    @ServerEndpoint("/open-fails")
    public static class OpenFails {
        final List<Throwable> errors = new ArrayList<>();
        final IllegalStateException failure = new IllegalStateException("open failed");

        @OnOpen
        public void open() {
            throw failure;
        }

        @OnMessage
        public void text(String message) {
        }

        @OnError
        public void error(Throwable error, Session session) throws IOException {
            errors.add(error);
        }
    }

    @Test
    void anExceptionFromOnOpenReachesOnErrorAndHandlersAreStillRegistered() throws Exception {
        OpenFails endpointInstance = new OpenFails();
        RecordingSession session = new RecordingSession();
        endpoint(OpenFails.class, endpointInstance).onOpen(session, CONFIG);
        assertEquals(List.of(endpointInstance.failure), endpointInstance.errors);
        assertEquals(List.of(String.class), session.registeredTypes());
    }

    @ServerEndpoint("/sends-on-open")
    public static class SendsOnOpen {
        int handlersSeenByOnOpen = -1;

        @OnOpen
        public void open(Session session) {
            // what a sending @OnOpen relies on: the answer will find the @OnMessage methods
            handlersSeenByOnOpen = session.getMessageHandlers().size();
        }

        @OnMessage
        public void text(String part, boolean last) {
        }

        @OnMessage
        public void pong(PongMessage pong) {
        }
    }

    @Test
    void theMessageHandlersAreInPlaceBeforeOnOpenRuns() throws Exception {
        SendsOnOpen endpointInstance = new SendsOnOpen();
        RecordingSession session = new RecordingSession();
        endpoint(SendsOnOpen.class, endpointInstance).onOpen(session, CONFIG);
        assertEquals(2, endpointInstance.handlersSeenByOnOpen);
    }

    @ServerEndpoint("/close-fails")
    public static class CloseFails {
        final List<Throwable> errors = new ArrayList<>();
        final UnsupportedOperationException failure = new UnsupportedOperationException("close failed");

        @OnClose
        public void close() {
            throw failure;
        }

        @OnError
        public void error(Throwable error) {
            errors.add(error);
        }
    }

    @Test
    void anExceptionFromOnCloseReachesOnError() throws Exception {
        CloseFails instance = new CloseFails();
        endpoint(CloseFails.class, instance).onClose(new RecordingSession(),
                new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertEquals(List.of(instance.failure), instance.errors);
    }

    @ServerEndpoint("/no-error-method")
    public static class NoErrorMethod {
        @OnOpen
        public void open() throws IOException {
            throw new IOException("unhandled");
        }
    }

    @Test
    void withoutOnErrorTheErrorIsLoggedAtWarning() throws Exception {
        try (LogCapture log = LogCapture.quiet(AnnotatedEndpoint.class)) {
            endpoint(NoErrorMethod.class, new NoErrorMethod()).onOpen(new RecordingSession(), CONFIG);
            assertEquals(1, log.records().size());
            LogRecord record = log.records().get(0);
            assertEquals(Level.WARNING, record.getLevel());
            assertEquals("unhandled", record.getThrown().getMessage());
            assertTrue(record.getMessage().contains(NoErrorMethod.class.getName()), record.getMessage());
        }
    }

    @ServerEndpoint("/error-fails")
    public static class ErrorMethodFails {
        final RuntimeException failure = new IllegalStateException("error handler broken");

        @OnError
        public void error(Throwable error) {
            throw failure;
        }
    }

    @Test
    void anExceptionFromOnErrorIsLoggedWithTheOriginalErrorSuppressed() throws Exception {
        ErrorMethodFails instance = new ErrorMethodFails();
        IOException original = new IOException("original");
        try (LogCapture log = LogCapture.quiet(AnnotatedEndpoint.class)) {
            endpoint(ErrorMethodFails.class, instance).onError(new RecordingSession(), original);
            assertEquals(1, log.records().size());
            assertEquals(Level.WARNING, log.records().get(0).getLevel());
            assertSame(instance.failure, log.records().get(0).getThrown());
            assertArrayEquals(new Throwable[] {original}, instance.failure.getSuppressed());
        }
    }

    // ---------------------------------------------------------------- message and path parameter types

    @ServerEndpoint("/typed/{flag}/{letter}")
    public static class Typed {
        final List<Object> received = new ArrayList<>();

        @OnMessage
        public long number(int value, @PathParam("flag") boolean flag, @PathParam("letter") char letter,
                           @PathParam("absent") Integer absent) {
            received.add(value);
            received.add(flag);
            received.add(letter);
            received.add(absent);
            return value + 1L;
        }
    }

    @ServerEndpoint(value = "/decoded", decoders = {PointTextDecoder.class, PointBinaryDecoder.class})
    public static class Decoded {
        final List<Object> received = new ArrayList<>();

        @OnMessage(maxMessageSize = 64)
        public String point(Point point) {
            received.add(point);
            return null;
        }
    }

    @ServerEndpoint("/streams")
    public static class Streams {
        final List<Object> received = new ArrayList<>();

        @OnMessage(maxMessageSize = 10)
        public void text(Reader reader) {
            received.add(reader);
        }

        @OnMessage(maxMessageSize = 10)
        public void binary(InputStream in) {
            received.add(in);
        }
    }

    @Test
    void primitiveMessageIsRegisteredBoxedAndPathParametersAreConverted() throws Exception {
        Typed typed = new Typed();
        RecordingSession session = new RecordingSession()
                .withPathParameter("flag", "TRUE").withPathParameter("letter", "x");
        endpoint(Typed.class, typed, "flag", "letter").onOpen(session, CONFIG);
        session.whole(Integer.class).onMessage(41);
        assertEquals(Arrays.asList(41, true, 'x', null), typed.received);
        assertEquals(List.of(42L), session.basicRemote.sentObjects);
    }

    @Test
    void aCharPathParameterNeedsExactlyOneCharacter() throws Exception {
        Typed typed = new Typed();
        List<Throwable> logged = new ArrayList<>();
        RecordingSession session = new RecordingSession()
                .withPathParameter("flag", "false").withPathParameter("letter", "xy");
        try (LogCapture log = LogCapture.quiet(AnnotatedEndpoint.class)) {
            endpoint(Typed.class, typed, "flag", "letter").onOpen(session, CONFIG);
            session.whole(Integer.class).onMessage(1);
            log.records().forEach(record -> logged.add(record.getThrown()));
        }
        assertTrue(typed.received.isEmpty());
        assertEquals(1, logged.size());
        assertEquals("xy", assertInstanceOf(DecodeException.class, logged.get(0)).getText());
    }

    @Test
    void decodedTypeIsRegisteredWithItsClassAndANullReturnValueSendsNothing() throws Exception {
        Decoded decoded = new Decoded();
        RecordingSession session = new RecordingSession();
        endpoint(Decoded.class, decoded).onOpen(session, CONFIG);
        assertEquals(List.of(Point.class), session.registeredTypes());
        Point point = new Point(3, 4);
        session.whole(Point.class).onMessage(point);
        assertEquals(List.of(point), decoded.received);
        assertTrue(session.basicRemote.sentObjects.isEmpty());
        // Point has a text and a binary decoder: the limit applies to both formats.
        assertEquals(64, session.maxTextMessageBufferSize);
        assertEquals(64, session.maxBinaryMessageBufferSize);
    }

    @Test
    void readerAndInputStreamAreRegisteredWholeAndTakeNoSizeLimit() throws Exception {
        Streams streams = new Streams();
        RecordingSession session = new RecordingSession();
        endpoint(Streams.class, streams).onOpen(session, CONFIG);
        Reader reader = new StringReader("x");
        session.whole(Reader.class).onMessage(reader);
        InputStream in = InputStream.nullInputStream();
        session.whole(InputStream.class).onMessage(in);
        assertEquals(List.of(reader, in), streams.received);
        assertEquals(RecordingSession.DEFAULT_BUFFER_SIZE, session.maxTextMessageBufferSize);
        assertEquals(RecordingSession.DEFAULT_BUFFER_SIZE, session.maxBinaryMessageBufferSize);
    }

    @ServerEndpoint("/partial-text")
    public static class PartialText {
        final List<String> parts = new ArrayList<>();

        @OnMessage
        public String part(boolean last, String part) {
            parts.add(part + (last ? "." : "…"));
            return last ? "got it" : null;
        }
    }

    @Test
    void partialTextMethodWithTheFlagFirstReceivesPartsAndRepliesOnTheLast() throws Exception {
        PartialText instance = new PartialText();
        RecordingSession session = new RecordingSession();
        endpoint(PartialText.class, instance).onOpen(session, CONFIG);
        session.partial(String.class).onMessage("a", false);
        session.partial(String.class).onMessage("b", true);
        assertEquals(List.of("a…", "b."), instance.parts);
        assertEquals(List.of("got it"), session.basicRemote.sentObjects);
    }

    // ---------------------------------------------------------------- inheritance, §4.8

    public static class Base {
        final List<String> calls = new ArrayList<>();

        @OnOpen
        public void baseOpen() {
            calls.add("Base.open");
        }

        @OnMessage
        public void text(String message) {
            calls.add("Base.text " + message);
        }

        @OnMessage
        public void binary(ByteBuffer message) {
            calls.add("Base.binary");
        }

        @OnClose
        public void close() {
            calls.add("Base.close");
        }

        @OnError
        private void error(Throwable error) {
            calls.add("Base.error " + error.getMessage());
        }
    }

    @ServerEndpoint("/derived")
    public static class Derived extends Base {
        @Override
        @OnMessage
        public void text(String message) {
            calls.add("Derived.text " + message);
        }

        @Override
        public void close() {
            calls.add("Derived.close");
        }
    }

    @Test
    void inheritedAnnotatedMethodsAreCalledAndAnAnnotatedOverrideReplacesTheBaseMethod() throws Exception {
        Derived derived = new Derived();
        RecordingSession session = new RecordingSession();
        AnnotatedEndpoint endpoint = endpoint(Derived.class, derived);
        endpoint.onOpen(session, CONFIG);
        session.whole(String.class).onMessage("hi");
        session.whole(ByteBuffer.class).onMessage(ByteBuffer.allocate(1));
        endpoint.onError(session, new IOException("oops"));
        assertEquals(List.of("Base.open", "Derived.text hi", "Base.binary", "Base.error oops"), derived.calls);
    }

    @Test
    void anUnannotatedOverrideRemovesTheCallback() throws Exception {
        Derived derived = new Derived();
        endpoint(Derived.class, derived).onClose(new RecordingSession(),
                new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertTrue(derived.calls.isEmpty(), () -> "neither close method may run: " + derived.calls);
    }

    // ---------------------------------------------------------------- client endpoints

    @ClientEndpoint
    static class PrivateClient {
        final List<Object> received = new ArrayList<>();

        @OnMessage
        private void text(String message, @PathParam("anything") String alwaysNull) {
            received.add(message);
            received.add(alwaysNull);
        }
    }

    @Test
    void nonPublicClientEndpointWithPrivateMethodIsInvoked() throws Exception {
        PrivateClient client = new PrivateClient();
        RecordingSession session = new RecordingSession().withPathParameter("anything", "ignored");
        AnnotatedEndpointModel.forClient(PrivateClient.class).newEndpoint(client).onOpen(session, CONFIG);
        session.whole(String.class).onMessage("hello");
        assertEquals(Arrays.asList("hello", null), client.received, "a client endpoint has no URI template (§4.3)");
    }

    @ServerEndpoint("/flags/{param}")
    public static class BracedName {
        final List<Object> received = new ArrayList<>();

        @OnMessage
        public void text(String message, @PathParam("{param}") Boolean param, @PathParam("{other}") String other) {
            received.add(message);
            received.add(param);
            received.add(other);
        }
    }

    /** "{param}" names the variable param (no variable name holds a brace); the TCK declares one so. */
    @Test
    void aPathParamNamedWithTheTemplatesBracesGetsThatVariable() throws Exception {
        BracedName endpoint = new BracedName();
        RecordingSession session = new RecordingSession().withPathParameter("param", "false");
        endpoint(BracedName.class, endpoint, "param").onOpen(session, CONFIG);
        session.whole(String.class).onMessage("m");
        assertEquals(Arrays.asList("m", false, null), endpoint.received);
    }
}
