package dev.ondine.tck.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The test endpoint of the interoperability matrix, deployed on Ondine (next to the samples'
 * /echo) and, as the same class, on Jetty, Tyrus and Undertow. The Python and Node servers
 * speak the same protocol (src/test/python/interop_server.py, node/interop-server.js):
 *
 * <ul>
 *   <li>every text and binary message goes back whole;</li>
 *   <li>{@code cmd:fragmented}: the text "Hello fragmented wörld" in three fragments, then the
 *       bytes 0..99 in three fragments;</li>
 *   <li>{@code cmd:ping:P}: a ping with payload P; the pong is answered with "pong:P";</li>
 *   <li>{@code cmd:close:CODE:REASON}: closes with that code and reason;</li>
 *   <li>{@code cmd:subprotocol}, {@code cmd:extensions}: "subprotocol:NAME", "extensions:A,B";</li>
 *   <li>{@code cmd:resetclose}, {@code cmd:lastclose}: forgets / reports ("lastclose:CODE:REASON")
 *       the last application close (code 4000-4999) a session of this endpoint received.</li>
 * </ul>
 */
@ServerEndpoint(value = "/interop", subprotocols = {"interop.v1", "interop.v2"})
public class InteropEndpoint {
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    private static volatile String lastClose = "none";

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void onText(Session session, String message) throws IOException {
        if (!message.startsWith("cmd:")) {
            session.getBasicRemote().sendText(message);
            return;
        }
        String[] cmd = message.split(":", 4);
        switch (cmd[1]) {
            case "fragmented":
                session.getBasicRemote().sendText("Hello ", false);
                session.getBasicRemote().sendText("fragmented ", false);
                session.getBasicRemote().sendText("wörld", true);
                byte[] b = new byte[100];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) i;
                }
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(b, 0, 10), false);
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(b, 10, 40), false);
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(b, 50, 50), true);
                break;
            case "ping":
                session.getBasicRemote().sendPing(ByteBuffer.wrap(cmd[2].getBytes(StandardCharsets.UTF_8)));
                break;
            case "close":
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(cmd[2])),
                        cmd.length > 3 ? cmd[3] : ""));
                break;
            case "subprotocol":
                session.getBasicRemote().sendText("subprotocol:" + session.getNegotiatedSubprotocol());
                break;
            case "extensions":
                session.getBasicRemote().sendText("extensions:" + session.getNegotiatedExtensions().stream()
                        .map(Extension::getName).collect(Collectors.joining(",")));
                break;
            case "resetclose":
                lastClose = "none";
                session.getBasicRemote().sendText("resetclose:ok");
                break;
            case "lastclose":
                session.getBasicRemote().sendText("lastclose:" + lastClose);
                break;
            default:
                session.getBasicRemote().sendText("unknown:" + message);
        }
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void onBinary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }

    @OnMessage
    public void onPong(Session session, PongMessage pong) throws IOException {
        ByteBuffer data = pong.getApplicationData();
        session.getBasicRemote().sendText("pong:" + StandardCharsets.UTF_8.decode(data.duplicate()));
    }

    /** Remembers application closes only (4000-4999), so that other sessions' closes do not interfere. */
    @OnClose
    public void onClose(CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        if (code >= 4000 && code <= 4999) {
            lastClose = code + ":" + reason.getReasonPhrase();
        }
    }
}
