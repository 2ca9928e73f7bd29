package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What both remote endpoints share (Jakarta WebSocket 2.2 §2.1.4): batching, ping and pong.
 */
abstract class AbstractRemote implements RemoteEndpoint {
    /**
     * Bytes a batch may hold before a blocking send writes it out and waits for it. Below
     * that, a blocking send made while batching is allowed returns once its frame is in the
     * batch.
     */
    static final long BATCH_BYTES = 64 * 1024;

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
        // A ping or an unsolicited pong is a heartbeat the peer should see now: corking
        // (the container's own batching of replies) does not hold it, batching does.
        c.flushUnlessBatching();
        awaitUnlessBatched(c, send);
    }

    /**
     * Waits for a blocking send to be written, except while batching is allowed
     * ({@code RemoteEndpoint.setBatchingAllowed}) or the session corks its replies (see
     * {@link WebSocketConnection#setCorked}): then "send operations are considered to
     * have completed if the message has been written to the local batch" when there is
     * still room in it, and once the batch has been sent when there is not. Waiting for the
     * write of a held-back frame would never end before {@code flushBatch}.
     */
    static void awaitUnlessBatched(WebSocketConnection c, BlockingSend send) throws IOException {
        if (c.holdsWrites() && !send.isDone()) {
            if (c.queuedBytes() < BATCH_BYTES) {
                return;
            }
            c.flush();
        }
        send.await();
    }
}
