package dev.ondine.impl.jakarta.it;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.ondine.impl.jakarta.it.EventClient.bytes;
import static dev.ondine.impl.jakarta.it.EventClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Annotated endpoints end to end (Jakarta WebSocket 2.2 §4.4–§4.7 and the {@code @OnMessage}
 * javadoc): every message parameter form, return values, size limits, error routing, and
 * the close reason.
 */
class AnnotatedEndpointsTest {

    // ---------------------------------------------------------------- a decoded type

    public record Point(int x, int y) {
    }

    /** "x,y". */
    public static class PointTextDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }

    /** Two big-endian ints. */
    public static class PointBinaryDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer b) throws DecodeException {
            return new Point(b.getInt(), b.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer b) {
            return b.remaining() == 8;
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return "Point(" + p.x() + "|" + p.y() + ")";
        }
    }

    // ---------------------------------------------------------------- endpoints

    @ServerEndpoint("/text")
    public static class TextEcho {
        @OnMessage
        public String message(String text) {
            return "text:" + text;
        }
    }

    @ServerEndpoint("/reader")
    public static class ReaderEcho {
        @OnMessage
        public String message(Reader reader) throws IOException {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return "reader:" + out;
        }
    }

    @ServerEndpoint("/int")
    public static class IntEndpoint {
        @OnMessage
        public int message(int value) {
            return value + 1;
        }
    }

    @ServerEndpoint("/boxed")
    public static class BoxedEndpoint {
        @OnMessage
        public Boolean message(Session session, Boolean value) {
            return !value;
        }
    }

    @ServerEndpoint(value = "/point", decoders = {PointTextDecoder.class, PointBinaryDecoder.class},
            encoders = PointEncoder.class)
    public static class PointEndpoint {
        @OnMessage
        public Point message(Point p) {
            return new Point(p.y(), p.x());
        }
    }

    @ServerEndpoint("/partial-text")
    public static class PartialText {
        private final StringBuilder parts = new StringBuilder();

        @OnMessage
        public void message(boolean last, String part, Session session) throws IOException {
            parts.append(part);
            if (last) {
                session.getBasicRemote().sendText("parts:" + parts);
                parts.setLength(0);
            }
        }
    }

    @ServerEndpoint("/buffer")
    public static class BufferEcho {
        @OnMessage
        public ByteBuffer message(ByteBuffer data) {
            return ByteBuffer.wrap(("buffer:" + utf8(data)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @ServerEndpoint("/array")
    public static class ArrayEcho {
        @OnMessage
        public byte[] message(byte[] data) {
            return ("array:" + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
    }

    @ServerEndpoint("/input-stream")
    public static class StreamEcho {
        @OnMessage
        public String message(InputStream in) throws IOException {
            return "stream:" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ServerEndpoint("/partial-binary")
    public static class PartialBinary {
        private final StringBuilder parts = new StringBuilder();

        @OnMessage
        public void message(ByteBuffer part, boolean last, Session session) throws IOException {
            parts.append(utf8(part));
            if (last) {
                session.getBasicRemote().sendText("parts:" + parts);
                parts.setLength(0);
            }
        }
    }

    @ServerEndpoint("/pong")
    public static class PongEndpoint {
        @OnMessage
        public void command(String command, Session session) throws IOException {
            session.getBasicRemote().sendPing(bytes(command));
        }

        @OnMessage
        public String pong(PongMessage pong) {
            return "pong:" + utf8(pong.getApplicationData());
        }
    }

    @ServerEndpoint("/small")
    public static class Small {
        @OnMessage(maxMessageSize = 10)
        public String message(String text) {
            return text;
        }
    }

    @ServerEndpoint("/errors")
    public static class Failing {
        @OnMessage
        public String message(String text) {
            if (text.equals("throw")) {
                throw new IllegalStateException("boom");
            }
            return "ok";
        }

        @OnError
        public void error(Throwable t, Session session) throws IOException {
            session.getBasicRemote().sendText("error:" + t.getClass().getSimpleName() + ":" + t.getMessage());
        }
    }

    public static class RefusingDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            throw new DecodeException(s, "refused " + s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    @ServerEndpoint(value = "/decode-error", decoders = RefusingDecoder.class)
    public static class DecodeFailure {
        @OnMessage
        public String message(Point p) {
            return "decoded?";
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            String data = t instanceof DecodeException d ? d.getText() : "-";
            session.getBasicRemote().sendText("error:" + t.getClass().getSimpleName() + ":" + data);
        }
    }

    @ServerEndpoint("/open-error")
    public static class OpenFailure {
        @OnOpen
        public void open() {
            throw new IllegalArgumentException("open failed");
        }

        @OnMessage
        public String message(String s) {
            return "still open:" + s;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error:" + t.getMessage());
        }
    }

    static final BlockingQueue<CloseReason> SERVER_CLOSES = new LinkedBlockingQueue<>();

    @ServerEndpoint("/close")
    public static class CloseRecorder {
        @OnClose
        public void close(CloseReason reason, Session session) {
            SERVER_CLOSES.add(reason);
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(TextEcho.class, ReaderEcho.class,
            IntEndpoint.class, BoxedEndpoint.class, PointEndpoint.class, PartialText.class, BufferEcho.class,
            ArrayEcho.class, StreamEcho.class, PartialBinary.class, PongEndpoint.class, Small.class, Failing.class,
            DecodeFailure.class, OpenFailure.class, CloseRecorder.class));


    // ---------------------------------------------------------------- text forms

    @Test
    void stringMessageAndStringReturnValue() throws Exception {
        try (EventClient c = SERVER.connect("/text")) {
            assertEquals("text:héllo", c.ask("héllo"));
        }
    }

    @Test
    void readerMessage() throws Exception {
        try (EventClient c = SERVER.connect("/reader")) {
            assertEquals("reader:abc", c.ask("abc"));
            String big = "x".repeat(100_000);
            assertEquals("reader:" + big, c.ask(big));
        }
    }

    @Test
    void primitiveMessageAndPrimitiveReturnValue() throws Exception {
        try (EventClient c = SERVER.connect("/int")) {
            assertEquals("42", c.ask("41"));
        }
    }

    @Test
    void boxedMessageWithSessionFirst() throws Exception {
        try (EventClient c = SERVER.connect("/boxed")) {
            assertEquals("false", c.ask("true"));
        }
    }

    @Test
    void primitiveThatDoesNotParseReachesOnErrorOrIsLogged() throws Exception {
        // No @OnError: the DecodeException is logged and the session stays open (§5.2.2).
        try (EventClient c = SERVER.connect("/int")) {
            c.send("not a number");
            assertEquals("2", c.ask("1"));
        }
    }

    @Test
    void decodedTypeFromTextAndEncodedReturnValue() throws Exception {
        try (EventClient c = SERVER.connect("/point")) {
            assertEquals("Point(2|1)", c.ask("1,2"));
        }
    }

    @Test
    void decodedTypeFromBinaryWithTheSameMethod() throws Exception {
        // One @OnMessage method whose type has a text and a binary decoder handles both formats.
        try (EventClient c = SERVER.connect("/point")) {
            c.session.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(3).putInt(4).flip());
            assertEquals("Point(4|3)", c.nextText());
            assertEquals("Point(6|5)", c.ask("5,6"));
        }
    }

    /** Parts need not match frames: the container may join frames that arrive together. */
    @Test
    void partialTextWithBoolean() throws Exception {
        try (EventClient c = SERVER.connect("/partial-text")) {
            c.session.getBasicRemote().sendText("ab", false);
            c.session.getBasicRemote().sendText("cd", false);
            c.session.getBasicRemote().sendText("ef", true);
            assertEquals("parts:abcdef", c.nextText());
            assertEquals("parts:whole", c.ask("whole"));
        }
    }

    // ---------------------------------------------------------------- binary forms

    @Test
    void byteBufferMessageAndReturnValue() throws Exception {
        try (EventClient c = SERVER.connect("/buffer")) {
            c.session.getBasicRemote().sendBinary(bytes("data"));
            assertEquals("buffer:data", utf8(c.nextBinary()));
        }
    }

    @Test
    void byteArrayMessageAndReturnValue() throws Exception {
        try (EventClient c = SERVER.connect("/array")) {
            c.session.getBasicRemote().sendBinary(bytes("data"));
            assertEquals("array:data", utf8(c.nextBinary()));
        }
    }

    @Test
    void inputStreamMessage() throws Exception {
        try (EventClient c = SERVER.connect("/input-stream")) {
            c.session.getBasicRemote().sendBinary(bytes("data"));
            assertEquals("stream:data", c.nextText());
            c.session.getBasicRemote().sendBinary(bytes("in "), false);
            c.session.getBasicRemote().sendBinary(bytes("parts"), true);
            assertEquals("stream:in parts", c.nextText());
        }
    }

    @Test
    void partialByteBufferWithBoolean() throws Exception {
        try (EventClient c = SERVER.connect("/partial-binary")) {
            c.session.getBasicRemote().sendBinary(bytes("12"), false);
            c.session.getBasicRemote().sendBinary(bytes("34"), true);
            assertEquals("parts:1234", c.nextText());
        }
    }

    // ---------------------------------------------------------------- pongs

    @Test
    void pongMessageFromAnUnsolicitedClientPong() throws Exception {
        try (EventClient c = SERVER.connect("/pong")) {
            c.session.getBasicRemote().sendPong(bytes("unsolicited"));
            assertEquals("pong:unsolicited", c.nextText());
        }
    }

    @Test
    void pongMessageAnsweringTheServersPing() throws Exception {
        try (EventClient c = SERVER.connect("/pong")) {
            c.send("ping-data");
            assertEquals("pong:ping-data", c.nextText());
        }
    }

    // ---------------------------------------------------------------- limits and errors

    @Test
    void maxMessageSizeExceededClosesWith1009() throws Exception {
        try (EventClient c = SERVER.connect("/small")) {
            assertEquals("0123456789", c.ask("0123456789"));
            c.send("0123456789A");
            c.assertClosedWith(CloseReason.CloseCodes.TOO_BIG);
        }
    }

    @Test
    void runtimeExceptionInOnMessageReachesOnError() throws Exception {
        try (EventClient c = SERVER.connect("/errors")) {
            assertEquals("error:IllegalStateException:boom", c.ask("throw"));
            assertEquals("ok", c.ask("fine"));
        }
    }

    @Test
    void decodeExceptionReachesOnError() throws Exception {
        try (EventClient c = SERVER.connect("/decode-error")) {
            assertEquals("error:DecodeException:7,8", c.ask("7,8"));
        }
    }

    @Test
    void exceptionInOnOpenReachesOnError() throws Exception {
        try (EventClient c = SERVER.connect("/open-error")) {
            assertEquals("error:open failed", c.nextText());
            assertEquals("still open:x", c.ask("x"));
        }
    }

    @Test
    void onCloseReceivesTheClientsCloseReason() throws Exception {
        SERVER_CLOSES.clear();
        EventClient c = SERVER.connect("/close");
        c.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "bye now"));
        CloseReason atServer = Waits.next(SERVER_CLOSES, "server @OnClose");
        assertEquals(4001, atServer.getCloseCode().getCode());
        assertEquals("bye now", atServer.getReasonPhrase());
        CloseReason atClient = c.nextClose();
        assertEquals(4001, atClient.getCloseCode().getCode());
        assertTrue(c.errors.isEmpty(), () -> "client errors: " + c.errors);
    }
}
