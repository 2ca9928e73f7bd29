package dev.ondine.tck.spec.app;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** Encoders and decoders (§2.1.5, §4.1.1): text, binary and stream forms, willDecode, the lifecycle. */
public final class CodersApp {
    static final AtomicInteger INITS = new AtomicInteger();
    static final AtomicInteger DESTROYS = new AtomicInteger();

    private CodersApp() {
    }

    /** A point "x,y" in text, 8 bytes in binary. */
    public record Point(int x, int y) {
    }

    public static class PointText implements Decoder.Text<Point>, Encoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            INITS.incrementAndGet();
        }

        @Override
        public void destroy() {
            DESTROYS.incrementAndGet();
        }

        @Override
        public Point decode(String s) throws DecodeException {
            String[] p = s.split(",");
            try {
                return new Point(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }

        @Override
        public String encode(Point p) throws EncodeException {
            return "(" + p.x() + "|" + p.y() + ")";
        }
    }

    public static class PointBinary implements Decoder.Binary<Point>, Encoder.Binary<Point> {
        @Override
        public void init(EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }

        @Override
        public Point decode(ByteBuffer b) {
            return new Point(b.getInt(), b.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer b) {
            return b.remaining() == 8;
        }

        @Override
        public ByteBuffer encode(Point p) {
            return (ByteBuffer) ByteBuffer.allocate(8).putInt(p.x()).putInt(p.y()).flip();
        }
    }

    /** Words counted from a stream: a TextStream decoder, and a TextStream encoder for the count. */
    public record Words(int count) {
    }

    public static class WordsStream implements Decoder.TextStream<Words>, Encoder.TextStream<Words> {
        @Override
        public void init(EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }

        @Override
        public Words decode(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[32];
            for (int n; (n = reader.read(buf)) >= 0; ) {
                sb.append(buf, 0, n);
            }
            return new Words(sb.toString().trim().split("\\s+").length);
        }

        @Override
        public void encode(Words w, Writer writer) throws IOException {
            writer.write("words=" + w.count());
        }
    }

    @ServerEndpoint(value = "/points", decoders = {PointText.class, PointBinary.class}, encoders = PointText.class)
    public static class Points {
        @OnMessage
        public Point onText(Point p) {
            return new Point(p.y(), p.x());
        }

        @OnError
        public void onError(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error:" + t.getClass().getSimpleName());
        }

        @OnClose
        public void onClose() {
            Probe.record("closed");
        }
    }

    /** Only a binary encoder: replies are sent as binary through sendObject. */
    @ServerEndpoint(value = "/binary-points", decoders = PointBinary.class, encoders = PointBinary.class)
    public static class BinaryPoints {
        @OnMessage
        public void onMessage(Point p, Session session) throws IOException, EncodeException {
            session.getBasicRemote().sendObject(new Point(p.x() + 1, p.y() + 1));
        }
    }

    @ServerEndpoint(value = "/words", decoders = WordsStream.class, encoders = WordsStream.class)
    public static class WordCount {
        @OnMessage
        public Words onMessage(Words w) {
            return w;
        }
    }

    /** Reports the decoder lifecycle counts of this application. */
    @ServerEndpoint("/coder-counts")
    public static class Counts {
        @OnMessage
        public String counts(String ignored) {
            return INITS.get() + "/" + DESTROYS.get();
        }
    }

    /** No encoder for an Object: sendObject of an unknown type fails with EncodeException; primitives go as text. */
    @ServerEndpoint("/no-encoder")
    public static class NoEncoder {
        @OnMessage
        public void onMessage(String text, Session session) throws IOException {
            try {
                session.getBasicRemote().sendObject(new Object());
                session.getBasicRemote().sendText("sent");
            } catch (EncodeException e) {
                session.getBasicRemote().sendText("EncodeException");
            }
            try {
                session.getBasicRemote().sendObject(17L);
            } catch (EncodeException e) {
                session.getBasicRemote().sendText("no long");
            }
        }
    }
}
