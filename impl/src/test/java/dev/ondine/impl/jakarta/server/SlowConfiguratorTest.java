package dev.ondine.impl.jakarta.server;

import dev.ondine.api.OndineServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A configurator that blocks in modifyHandshake (a database lookup, say) holds up its own
 * handshake only: with one selector thread, another client still connects and echoes
 * meanwhile, because the application's part of the handshake runs on the endpoint pool.
 */
class SlowConfiguratorTest {
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final CountDownLatch ENTERED = new CountDownLatch(1);

    public static final class Blocking extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            ENTERED.countDown();
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                try {
                    session.getBasicRemote().sendText(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Completes with the first text message received. */
    private static final class FirstText implements WebSocket.Listener {
        final CompletableFuture<String> text = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.complete(data.toString());
            return null;
        }
    }

    @Test
    void aBlockingConfiguratorDoesNotStallOtherConnectionsOfItsSelectorThread() throws Exception {
        try (OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).selectorThreads(1)
                .endpoint(ServerEndpointConfig.Builder.create(Echo.class, "/slow").configurator(new Blocking()).build())
                .endpoint(ServerEndpointConfig.Builder.create(Echo.class, "/fast").build())
                .start()) {
            String base = "ws://127.0.0.1:" + server.address().getPort();
            HttpClient http = HttpClient.newHttpClient();
            FirstText slowListener = new FirstText();
            CompletableFuture<WebSocket> slow = http.newWebSocketBuilder().buildAsync(URI.create(base + "/slow"), slowListener);
            assertTrue(ENTERED.await(10, TimeUnit.SECONDS), "the slow handshake reached its configurator");

            FirstText fastListener = new FirstText();
            WebSocket fast = http.newWebSocketBuilder().buildAsync(URI.create(base + "/fast"), fastListener)
                    .get(10, TimeUnit.SECONDS);
            fast.sendText("meanwhile", true);
            assertEquals("meanwhile", fastListener.text.get(10, TimeUnit.SECONDS));
            assertFalse(slow.isDone(), "the slow handshake is still waiting for its configurator");

            RELEASE.countDown();
            WebSocket slowSocket = slow.get(10, TimeUnit.SECONDS);
            slowSocket.sendText("at last", true);
            assertEquals("at last", slowListener.text.get(10, TimeUnit.SECONDS));
            fast.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            slowSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        } finally {
            RELEASE.countDown();
        }
    }
}
