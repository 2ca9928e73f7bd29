package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.OutgoingQueueFullException;
import dev.ondine.impl.core.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * What both remote endpoints share (Jakarta WebSocket 2.2 §2.1.4): batching, ping and pong.
 */
abstract class AbstractRemote implements RemoteEndpoint {
    final OndineSession session;
    /** {@code ondine.blockingSendTimeoutMillis}: how long a blocking send waits for its frame; 0 for ever. */
    private final long blockingSendTimeoutMillis;

    AbstractRemote(OndineSession session, long blockingSendTimeoutMillis) {
        this.session = session;
        this.blockingSendTimeoutMillis = blockingSendTimeoutMillis;
    }

    WebSocketConnection connection() {
        return session.connectionForSending();
    }

    /**
     * For a send from a callback on the reading thread ({@link dev.ondine.api.OnReadingThread}),
     * which must not wait: refused (null otherwise) when the outgoing queue already holds its
     * limit. Reading from the peer is paused meanwhile (and the slow-consumer policy applies).
     */
    static OutgoingQueueFullException refusedOnReadingThread(WebSocketConnection c) {
        long queued = c.queuedBytes();
        long limit = c.maxQueuedBytes();
        return queued >= limit ? new OutgoingQueueFullException(queued, limit) : null;
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
     *
     * <p>A send not written within the blocking send timeout fails with a
     * {@link SocketTimeoutException}, and the connection is ended (1006 to the endpoint), as
     * Tomcat does: its frame may be half written, and a frame cannot be taken back.
     */
    void awaitUnlessBatched(WebSocketConnection c, BlockingSend send) throws IOException {
        if (!send.isDone() && (session.sendsFromReadingThread() || c.completesInBatch())) {
            // On the reading thread (OnReadingThread) the send returns once queued: the frame
            // leaves at the end of the read, or when the socket takes it, which only this thread sees.
            return;
        }
        try {
            send.await(blockingSendTimeoutMillis);
        } catch (SocketTimeoutException e) {
            c.abort(e.getMessage());
            throw e;
        }
    }
}
