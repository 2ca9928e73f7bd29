package dev.ondine.impl.jakarta.it;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client endpoint (Ondine's own client, found through {@link ContainerProvider}) that
 * records every event in a queue, for tests to take with bounded waits.
 */
final class EventClient extends Endpoint implements AutoCloseable {
    static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> binaries = new LinkedBlockingQueue<>();
    /** Texts (String) and binaries (ByteBuffer) together, in the order they arrived. */
    final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    Session session;

    static EventClient connect(URI uri) throws Exception {
        return connect(uri, ClientEndpointConfig.Builder.create().build());
    }

    static EventClient connect(URI uri, ClientEndpointConfig config) throws Exception {
        EventClient client = new EventClient();
        client.session = CONTAINER.connectToServer(client, config, uri);
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> {
            texts.add(text);
            arrivals.add(text);
        });
        session.addMessageHandler(ByteBuffer.class, data -> {
            binaries.add(data);
            arrivals.add(data);
        });
        session.addMessageHandler(PongMessage.class, pong -> pongs.add(pong.getApplicationData()));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closes.add(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    String nextText() {
        return Waits.next(texts, "text message");
    }

    ByteBuffer nextBinary() {
        return Waits.next(binaries, "binary message");
    }

    CloseReason nextClose() {
        return Waits.next(closes, "close");
    }

    /** Sends {@code text} and returns the next text message received. */
    String ask(String text) throws IOException {
        session.getBasicRemote().sendText(text);
        return nextText();
    }

    void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    void assertClosedWith(CloseReason.CloseCode code) {
        assertEquals(code.getCode(), nextClose().getCloseCode().getCode());
    }

    static String utf8(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
