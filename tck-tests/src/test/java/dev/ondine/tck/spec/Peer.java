package dev.ondine.tck.spec;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client session that keeps what it receives: text, binary, pongs, the close reason. */
final class Peer extends Endpoint implements AutoCloseable {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    Session session;

    static Peer open(URI uri) throws Exception {
        return open(uri, ClientEndpointConfig.Builder.create().build());
    }

    static Peer open(URI uri, ClientEndpointConfig config) throws Exception {
        Peer p = new Peer();
        p.session = Spec.client().connectToServer(p, config, uri);
        return p;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            binaries.add(a);
        });
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) m -> pongs.add(m.getApplicationData()));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    void send(String text) throws Exception {
        session.getBasicRemote().sendText(text);
    }

    void send(byte[] data) throws Exception {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    }

    String text() throws InterruptedException {
        String t = texts.poll(5, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no text message within 5 s");
        }
        return t;
    }

    byte[] binary() throws InterruptedException {
        byte[] b = binaries.poll(5, TimeUnit.SECONDS);
        if (b == null) {
            throw new AssertionError("no binary message within 5 s");
        }
        return b;
    }

    String ask(String text) throws Exception {
        send(text);
        return text();
    }

    CloseReason closeReason() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}
