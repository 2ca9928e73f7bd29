package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** RemoteEndpoint.Basic and RemoteEndpoint.Async (§2.1.4): each way of sending, seen by the client. */
public final class RemoteApp {
    private RemoteApp() {
    }

    @ServerEndpoint("/basic")
    public static class Basic {
        @OnMessage
        public void onMessage(String how, Session s) throws Exception {
            RemoteEndpoint.Basic r = s.getBasicRemote();
            switch (how) {
                case "partial" -> {
                    r.sendText("par", false);
                    r.sendText("tial", true);
                }
                case "binary" -> r.sendBinary(ByteBuffer.wrap(new byte[] {9, 8}));
                case "binary-partial" -> {
                    r.sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
                    r.sendBinary(ByteBuffer.wrap(new byte[] {2}), true);
                }
                case "writer" -> {
                    try (Writer w = r.getSendWriter()) {
                        w.write("wri");
                        w.write("ter");
                    }
                }
                case "stream" -> {
                    try (OutputStream out = r.getSendStream()) {
                        out.write(new byte[] {4, 5});
                        out.write(6);
                    }
                }
                case "object" -> r.sendObject(42);
                case "ping" -> r.sendPing(ByteBuffer.wrap(new byte[] {7}));
                case "batch" -> {
                    r.setBatchingAllowed(true);
                    r.sendText("b1");
                    r.sendText("b2");
                    r.flushBatch();
                    r.setBatchingAllowed(false);
                }
                default -> r.sendText("whole");
            }
        }
    }

    @ServerEndpoint("/async")
    public static class Async {
        @OnMessage
        public void onMessage(String how, Session s) throws Exception {
            RemoteEndpoint.Async r = s.getAsyncRemote();
            switch (how) {
                case "future" -> {
                    Future<Void> f = r.sendText("by future");
                    f.get(5, TimeUnit.SECONDS);
                    r.sendText("future done:" + f.isDone());
                }
                case "handler" -> {
                    CompletableFuture<SendResult> result = new CompletableFuture<>();
                    r.sendText("by handler", result::complete);
                    SendResult sr = result.get(5, TimeUnit.SECONDS);
                    r.sendText("handler ok:" + sr.isOK());
                }
                case "binary" -> r.sendBinary(ByteBuffer.wrap(new byte[] {3, 3})).get(5, TimeUnit.SECONDS);
                case "object" -> r.sendObject(true).get(5, TimeUnit.SECONDS);
                case "timeout" -> r.sendText(String.valueOf(r.getSendTimeout()));
                default -> r.sendText("?");
            }
        }
    }

    /** A blocking sendText of a null message is an IllegalArgumentException. */
    @ServerEndpoint("/null")
    public static class NullArgument {
        @OnMessage
        public String onMessage(String text, Session s) throws IOException {
            try {
                s.getBasicRemote().sendText(null);
                return "sent";
            } catch (IllegalArgumentException e) {
                return "IllegalArgumentException";
            }
        }
    }
}
