package dev.ondine.tck.spec.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Annotated endpoints (Jakarta WebSocket 2.2 chapter 4), one per allowed {@code @OnMessage} form. */
public final class AnnotatedApp {
    private AnnotatedApp() {
    }

    @ServerEndpoint("/text")
    public static class WholeText {
        @OnMessage
        public String onMessage(String text) {
            return "text:" + text;
        }
    }

    @ServerEndpoint("/text-session")
    public static class TextWithSession {
        @OnMessage
        public void onMessage(Session session, String text) throws IOException {
            session.getBasicRemote().sendText("session:" + text + ":" + session.getId().isEmpty());
        }
    }

    @ServerEndpoint("/text-partial")
    public static class PartialText {
        private final StringBuilder parts = new StringBuilder();

        @OnMessage
        public String onMessage(String part, boolean last) {
            parts.append('[').append(part).append(']');
            if (!last) {
                return null;
            }
            String all = parts.toString();
            parts.setLength(0);
            return all;
        }
    }

    @ServerEndpoint("/reader")
    public static class TextReader {
        @OnMessage
        public String onMessage(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[64];
            for (int n; (n = reader.read(buf)) >= 0; ) {
                sb.append(buf, 0, n);
            }
            return "reader:" + sb;
        }
    }

    @ServerEndpoint("/int")
    public static class PrimitiveText {
        @OnMessage
        public int onMessage(int n) {
            return n * 2;
        }

        @OnError
        public void onError(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText("error:" + error.getClass().getSimpleName());
        }
    }

    @ServerEndpoint("/boxed")
    public static class BoxedText {
        @OnMessage
        public String onMessage(Boolean b) {
            return "boolean:" + b;
        }
    }

    @ServerEndpoint("/bytebuffer")
    public static class WholeByteBuffer {
        @OnMessage
        public ByteBuffer onMessage(ByteBuffer data) {
            ByteBuffer out = ByteBuffer.allocate(data.remaining() + 1);
            out.put((byte) 'B').put(data).flip();
            return out;
        }
    }

    @ServerEndpoint("/bytes")
    public static class WholeBytes {
        @OnMessage
        public byte[] onMessage(byte[] data, Session session) {
            byte[] out = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = data[data.length - 1 - i];
            }
            return out;
        }
    }

    @ServerEndpoint("/bytes-partial")
    public static class PartialBytes {
        private int total;
        private int parts;

        @OnMessage
        public String onMessage(byte[] part, boolean last) {
            total += part.length;
            parts++;
            if (!last) {
                return null;
            }
            String r = "bytes:" + total + ":" + (parts >= 1);
            total = 0;
            parts = 0;
            return r;
        }
    }

    @ServerEndpoint("/bytebuffer-partial")
    public static class PartialByteBuffer {
        private int total;

        @OnMessage
        public String onMessage(ByteBuffer part, boolean last) {
            total += part.remaining();
            if (!last) {
                return null;
            }
            String r = "buffer:" + total;
            total = 0;
            return r;
        }
    }

    @ServerEndpoint("/stream")
    public static class BinaryStream {
        @OnMessage
        public String onMessage(InputStream in) throws IOException {
            return "stream:" + in.readAllBytes().length;
        }
    }

    @ServerEndpoint("/pong")
    public static class Pong {
        @OnMessage
        public void onText(String text, Session session) throws IOException {
            session.getBasicRemote().sendPing(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        @OnMessage
        public void onPong(PongMessage pong, Session session) throws IOException {
            session.getBasicRemote().sendText("pong:" + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }
    }

    @ServerEndpoint("/lifecycle/{room}")
    public static class Lifecycle {
        private String opened;

        @OnOpen
        public void onOpen(Session session, EndpointConfig config, @PathParam("room") String room) {
            opened = "open:" + room + ":" + (config != null);
        }

        @OnMessage
        public String onMessage(String text, @PathParam("room") String room) {
            if (text.equals("fail")) {
                throw new IllegalStateException("failing on purpose");
            }
            return opened + "|" + text + "@" + room;
        }

        @OnError
        public void onError(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText("error:" + error.getClass().getSimpleName() + ":" + error.getMessage());
        }

        @OnClose
        public void onClose(Session session, CloseReason reason, @PathParam("room") String room) {
            Probe.record("close:" + room + ":" + reason.getCloseCode().getCode());
        }
    }
}
