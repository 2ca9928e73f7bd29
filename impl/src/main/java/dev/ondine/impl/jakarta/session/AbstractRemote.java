package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What both remote endpoints share (Jakarta WebSocket 2.2 §2.1.4): batching, ping and pong.
 */
abstract class AbstractRemote implements RemoteEndpoint {
    final OndineSession session;

    AbstractRemote(OndineSession session) {
        this.session = session;
    }

    WebSocketConnection connection() {
        return session.connectionForSending();
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        connection().setBatching(allowed);
    }

    @Override
    public boolean getBatchingAllowed() {
        return connection().isBatching();
    }

    @Override
    public void flushBatch() throws IOException {
        connection().flush();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException, IllegalArgumentException {
        sendControl(true, applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException, IllegalArgumentException {
        sendControl(false, applicationData);
    }

    private void sendControl(boolean ping, ByteBuffer data) throws IOException {
        ByteBuffer payload = data == null ? ByteBuffer.allocate(0) : data;
        if (payload.remaining() > 125) {
            // RFC 6455 §5.5: a control frame carries at most 125 bytes.
            throw new IllegalArgumentException("Ping and pong data may be at most 125 bytes, not " + payload.remaining());
        }
        WebSocketConnection c = connection();
        BlockingSend send = new BlockingSend();
        if (ping) {
            c.sendPing(payload.duplicate(), send);
        } else {
            c.sendPong(payload.duplicate(), send);
        }
        awaitUnlessBatched(c, send);
    }

    /**
     * Waits for a blocking send to be written, unless the connection holds it in a batch
     * (batching allowed, or the session corking its replies): then "send operations are
     * considered to have completed if the message has been written to the local batch"
     * (§2.1.4; {@link WebSocketConnection#completesInBatch}).
     */
    static void awaitUnlessBatched(WebSocketConnection c, BlockingSend send) throws IOException {
        if (!send.isDone() && c.completesInBatch()) {
            return;
        }
        send.await();
    }
}
