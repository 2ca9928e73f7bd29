package dev.ondine.tck;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/** The Jakarta endpoints Jetty 12 serves to the Ondine client in {@link OndineClientOnJettyTest}. */
final class JettyEndpoints {
    static final int MAX_MESSAGE = 2 * 1024 * 1024;
    /** What the server endpoints saw that the client cannot be told (their close reasons). */
    static final LinkedBlockingQueue<Object> SERVER_EVENTS = new LinkedBlockingQueue<>();

    private JettyEndpoints() {
    }

    /** Echoes text and binary whole; announces its path parameter and subprotocol on open. */
    @ServerEndpoint(value = "/echo/{tag}", subprotocols = {"chat.v2", "chat.v1"})
    public static class Echo {
        @OnOpen
        public void open(Session session, @PathParam("tag") String tag) throws IOException {
            session.getBasicRemote().sendText("open:" + tag + ":" + session.getNegotiatedSubprotocol());
        }

        @OnMessage(maxMessageSize = MAX_MESSAGE)
        public String text(String message) {
            return message;
        }

        @OnMessage(maxMessageSize = MAX_MESSAGE)
        public ByteBuffer binary(ByteBuffer message) {
            return message;
        }
    }

    /** Reports each text part it receives, to show where the client's fragments fell. */
    @ServerEndpoint("/parts")
    public static class Parts {
        @OnMessage
        public void text(Session session, String part, boolean last) throws IOException {
            session.getBasicRemote().sendText("part[" + part + "]" + (last ? " last" : ""));
        }

        @OnMessage
        public void binary(Session session, byte[] part, boolean last) throws IOException {
            session.getBasicRemote().sendText("binary part of " + part.length + (last ? " last" : ""));
        }
    }

    /**
     * Pings on request and reports the pong; sends a message in three fragments on request;
     * closes on request; records how it was closed.
     */
    @ServerEndpoint("/control")
    public static class Control {
        @OnMessage
        public void command(Session session, String command) throws IOException {
            if (command.startsWith("ping:")) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(command.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else if (command.equals("fragments")) {
                session.getBasicRemote().sendText("one ", false);
                session.getBasicRemote().sendText("two ", false);
                session.getBasicRemote().sendText("three", true);
            } else if (command.startsWith("close:")) {
                String[] codeAndReason = command.substring(6).split(":", 2);
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(codeAndReason[0])),
                        codeAndReason[1]));
            }
        }

        /** Sends explicitly: Jetty 12.1.14 drops the return value of a PongMessage method. */
        @OnMessage
        public void pong(Session session, PongMessage pong) throws IOException {
            session.getBasicRemote().sendText("server got pong:" + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnClose
        public void close(CloseReason reason) {
            SERVER_EVENTS.add(reason.getCloseCode().getCode() + ":" + reason.getReasonPhrase());
        }
    }

    /** Moves every point it receives one step along both axes, through its encoder and decoder. */
    @ServerEndpoint(value = "/points", encoders = PointCodec.class, decoders = PointCodec.class)
    public static class Points {
        @OnMessage
        public Point move(Point p) {
            return new Point(p.x() + 1, p.y() + 1);
        }
    }

    record Point(int x, int y) {
    }

    /** "x,y" text for a {@link Point}, both ways; used by the server and the client alike. */
    public static class PointCodec implements Encoder.Text<Point>, Decoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return p.x() + "," + p.y();
        }

        @Override
        public Point decode(String s) throws DecodeException {
            String[] xy = s.split(",");
            try {
                return new Point(Integer.parseInt(xy[0].trim()), Integer.parseInt(xy[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }

        @Override
        public void init(jakarta.websocket.EndpointConfig config) {
            // nothing to set up
        }

        @Override
        public void destroy() {
            // nothing to release
        }
    }
}
