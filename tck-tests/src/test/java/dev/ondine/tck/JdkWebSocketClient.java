package dev.ondine.tck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The JDK's WebSocket client ({@code java.net.http.WebSocket}), an implementation
 * independent of Ondine, whose received messages (assembled) and events land in a queue:
 * a String per text message, a byte[] per binary message, "ping:P" and "pong:P" for control
 * frames, "close:CODE" (the reason in {@link #closeReason}), "error:...".
 */
final class JdkWebSocketClient extends AssemblingListener {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    volatile String closeReason;
    WebSocket ws;

    static JdkWebSocketClient connect(URI uri, String... subprotocols) throws Exception {
        return connectAsync(uri, subprotocols).get(10, TimeUnit.SECONDS);
    }

    static CompletableFuture<JdkWebSocketClient> connectAsync(URI uri, String... subprotocols) {
        JdkWebSocketClient c = new JdkWebSocketClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(uri, c).thenApply(ws -> {
            c.ws = ws;
            return c;
        });
    }

    Object next() throws InterruptedException {
        Object o = received.poll(60, TimeUnit.SECONDS);
        assertNotNull(o, "nothing received within 60 s");
        return o;
    }

    void send(String message) throws Exception {
        ws.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    void closeNormally() throws Exception {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        assertEquals("close:1000", next());
    }

    /** The JDK answers the ping with a pong itself once this returns. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        received.add("ping:" + StandardCharsets.UTF_8.decode(message));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        received.add("close:" + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        received.add("error:" + error);
    }
}
