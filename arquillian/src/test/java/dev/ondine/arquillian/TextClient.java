package dev.ondine.arquillian;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client session that keeps the text messages and the close reason it receives. */
final class TextClient extends Endpoint implements AutoCloseable {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    static TextClient connect(URI uri) throws Exception {
        TextClient c = new TextClient();
        c.session = OndineClients.newContainer().connectToServer(c, ClientEndpointConfig.Builder.create().build(), uri);
        return c;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    void sendOnly(String text) throws Exception {
        session.getBasicRemote().sendText(text);
    }

    String ask(String text) throws Exception {
        session.getBasicRemote().sendText(text);
        String reply = messages.poll(5, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply to " + text);
        }
        return reply;
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}
