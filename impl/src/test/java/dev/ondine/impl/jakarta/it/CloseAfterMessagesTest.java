package dev.ondine.impl.jakarta.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that sends its last messages and its close frame at once gets the replies to those
 * messages before the server's close frame: the server answers the close only once the endpoint
 * has handled what came before it (RFC 6455 §5.5.1), as a command-line client piping its input
 * expects. The JDK's client keeps reading after its close until the server's.
 */
class CloseAfterMessagesTest {

    @ServerEndpoint("/slow-upper")
    public static class SlowUpper {
        @OnMessage
        public String upper(String text) throws InterruptedException {
            Thread.sleep(100); // the replies are still being made when the close frame arrives
            return text.toUpperCase();
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(SlowUpper.class));

    @Test
    void repliesToTheMessagesBeforeAClientsCloseArriveBeforeTheServersClose() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(SERVER.uri("/slow-upper"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        events.add("text:" + data);
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        events.add("close:" + statusCode);
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("one", true).get(10, TimeUnit.SECONDS);
        ws.sendText("two", true).get(10, TimeUnit.SECONDS);
        ws.sendText("three", true).get(10, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "end of input").get(10, TimeUnit.SECONDS);
        closed.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("text:ONE", "text:TWO", "text:THREE", "close:1000"), events);
    }
}
