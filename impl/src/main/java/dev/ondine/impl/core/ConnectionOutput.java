package dev.ondine.impl.core;

import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The sending half of a {@link WebSocketConnection}: messages → {@link OutboundFrames} →
 * {@link OutgoingQueue} → transport, from any thread. The {@link WritePolicy} decides from a
 * send's {@link SendKind} when it is written; the outgoing queue's limit refuses senders that
 * do not wait, and past it reading pauses until the peer has taken half of it.
 *
 * <p>Queueing is done under the connection's lock, the one that guards its
 * {@link ClosingHandshake}: no frame can then be queued after our close frame (RFC 6455
 * §5.5.1), and the continuation and compression state follow the queue's order. Writing
 * happens outside it.
 */
final class ConnectionOutput {
    private final WebSocketConnection connection;
    private final ClosingHandshake closing;
    private final IdleTimeout idle;
    private final ConnectionInput input;
    private final OutboundFrames frames;
    private final OutgoingQueue queue;
    private final WritePolicy policy = new WritePolicy();
    private final long maxQueueBytes;
    private final ConnectionMetrics metrics;
    /** Payload bytes of the message being sent in parts so far; under the connection's lock. */
    private long sentPayloadBytes;
    /** Messages queued since the metrics were last told; under the connection's lock. */
    private final MessageCounts sent = new MessageCounts();

    ConnectionOutput(WebSocketConnection connection, Role role, Transport transport, MaskKeySource maskKeys,
                     DeflateRelease deflate, long maxQueueBytes, ClosingHandshake closing, IdleTimeout idle,
                     ConnectionInput input, ConnectionMetrics metrics) {
        this.connection = connection;
        this.closing = closing;
        this.idle = idle;
        this.input = input;
        this.frames = new OutboundFrames(role, maskKeys, deflate);
        this.queue = new OutgoingQueue(transport, metrics);
        this.maxQueueBytes = maxQueueBytes;
        this.metrics = metrics;
    }

    void send(MessageType type, ByteBuffer data, boolean last, SendKind kind, SendCallback callback) {
        if (kind == SendKind.HEARTBEAT || kind == SendKind.CLOSE) {
            throw new IllegalArgumentException("Not a message send: " + kind);
        }
        boolean reading = input.onReadingThread();
        IOException refused;
        boolean writeNow;
        synchronized (connection) {
            // Replies made while reading are bounded by the read pause; other non-waiting senders here.
            refused = enqueueData(type, data, last, kind == SendKind.ASYNCHRONOUS && !reading, callback);
            writeNow = policy.writesNow(kind, reading);
            if (writeNow) {
                sent.publishSent(metrics); // the metrics learn of sends as they go out
            }
        }
        if (refused != null) {
            callback.failed(refused);
            return;
        }
        if (reading && queue.queuedBytes() >= maxQueueBytes) {
            // Replies made while reading filled the queue: stop reading here.
            connection.suspendReading(WebSocketConnection.READ_PAUSE_OUTGOING);
        }
        if (writeNow) {
            flush();
        }
    }

    /**
     * Queues a whole message shared with other connections, unless it would have to wait:
     * never blocks and never fails a callback. It is written as an asynchronous send is
     * ({@link WritePolicy}: held while batching). It is missed when the connection is closing,
     * when the queue is at its limit (whatever thread publishes: the sender of a broadcast
     * does not wait for any one member), and when a message sent in parts is unfinished (§5.4:
     * its frames may not be interleaved with another message's; the broadcast is not held
     * back behind a stream the application may take long to finish).
     */
    SharedDelivery sendShared(SharedMessage message) {
        SharedDelivery outcome;
        boolean writeNow = false;
        synchronized (connection) {
            outcome = enqueueShared(message);
            if (outcome.queued()) {
                writeNow = policy.writesNow(SendKind.ASYNCHRONOUS, input.onReadingThread());
                if (writeNow) {
                    sent.publishSent(metrics);
                }
            }
        }
        metrics.sharedMessage(outcome);
        if (writeNow) {
            flush();
        }
        return outcome;
    }

    /** Queues a shared message's frame if nothing stands in the way; under the lock. */
    private SharedDelivery enqueueShared(SharedMessage message) {
        if (!closing.maySend()) {
            return SharedDelivery.CLOSING;
        }
        if (frames.inMessage()) {
            return SharedDelivery.IN_PARTIAL_MESSAGE;
        }
        if (queue.queuedBytes() >= maxQueueBytes) {
            return SharedDelivery.QUEUE_FULL;
        }
        if (!queue.add(frames.shared(message), SendCallback.NOOP)) {
            return SharedDelivery.CLOSING;
        }
        idle.touch();
        sent.add(message.type(), message.payloadBytes());
        return SharedDelivery.QUEUED;
    }

    /** Encodes and queues one data frame; returns why it was refused, or null. Under the lock. */
    private IOException enqueueData(MessageType type, ByteBuffer data, boolean last, boolean refuseWhenFull,
                                    SendCallback callback) {
        if (!closing.maySend()) {
            return new ClosedChannelException();
        }
        frames.checkMayStart(type);
        if (refuseWhenFull) {
            long queued = queue.queuedBytes();
            if (queued >= maxQueueBytes) {
                return new OutgoingQueueFullException(queued, maxQueueBytes);
            }
        }
        int payloadBytes = data.remaining();
        ByteBuffer[] frame = frames.data(type, data, last);
        idle.touch();
        if (!queue.add(frame, callback)) {
            return new ClosedChannelException();
        }
        sentPayloadBytes += payloadBytes;
        if (last) {
            sent.add(type, sentPayloadBytes);
            sentPayloadBytes = 0;
        }
        return null;
    }

    /** Queues a ping or pong, a heartbeat for the write policy (§5.5: at most 125 bytes). */
    void sendControl(int opcode, ByteBuffer payload, SendCallback callback) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException("Control frame payload larger than 125 bytes: " + payload.remaining());
        }
        boolean queued;
        boolean writeNow;
        synchronized (connection) {
            queued = closing.maySend() && queue.add(new ByteBuffer[] {frames.control(opcode, payload)}, callback);
            writeNow = policy.writesNow(SendKind.HEARTBEAT, input.onReadingThread());
        }
        if (!queued) {
            callback.failed(new ClosedChannelException());
            return;
        }
        if (writeNow) {
            flush();
        }
    }

    /**
     * Queues our close frame, once, and writes it unless sent while reading: batching never
     * holds it back (what was batched goes out before it).
     */
    void sendClose(ByteBuffer payload, SendCallback afterWritten) {
        boolean writeNow;
        synchronized (connection) {
            if (!closing.closeFrameQueued()
                    || !queue.add(new ByteBuffer[] {frames.control(Opcode.CLOSE, payload)}, afterWritten)) {
                return;
            }
            writeNow = policy.writesNow(SendKind.CLOSE, input.onReadingThread());
        }
        if (writeNow) {
            flush();
        }
    }

    /** Writes whatever is queued (what batching held back included). */
    void flush() {
        queue.flush();
        // Read after the queue's lock, which the sends' queueing took too: what was queued
        // before this flush is seen here; what comes later is told by a later flush.
        if (!sent.isEmpty()) {
            synchronized (connection) {
                sent.publishSent(metrics);
            }
        }
        applyBackpressure();
    }

    /** The transport can take bytes again. */
    void onWritable() {
        queue.onWritable();
        applyBackpressure();
    }

    /** The transport has ended: what is queued fails with {@code cause}. */
    void fail(IOException cause) {
        queue.fail(cause);
        synchronized (connection) {
            sent.publishSent(metrics);
        }
    }

    long queuedBytes() {
        return queue.queuedBytes();
    }

    long maxQueueBytes() {
        return maxQueueBytes;
    }

    /** Whether nothing is queued; under the lock. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Pauses reading while the peer leaves more than the queue limit unread, and resumes
     * when it has taken half of it.
     */
    private void applyBackpressure() {
        long queued = queue.queuedBytes();
        boolean paused = connection.readPausedFor(WebSocketConnection.READ_PAUSE_OUTGOING);
        if (!paused && queued >= maxQueueBytes) {
            connection.suspendReading(WebSocketConnection.READ_PAUSE_OUTGOING);
        } else if (paused && queued <= maxQueueBytes / 2) {
            connection.resumeReading(WebSocketConnection.READ_PAUSE_OUTGOING);
        }
    }

    void setBatching(boolean on) {
        boolean flush;
        synchronized (connection) {
            flush = policy.setBatching(on);
        }
        if (flush) {
            flush();
        }
    }

    boolean isBatching() {
        synchronized (connection) {
            return policy.isBatching();
        }
    }

    void setCorked(boolean on) {
        boolean flush;
        synchronized (connection) {
            flush = policy.setCorked(on);
        }
        if (flush) {
            flush();
        }
    }

    /** See {@link WebSocketConnection#completesInBatch()}. */
    boolean completesInBatch() {
        boolean holds;
        synchronized (connection) {
            holds = policy.holdsWrites();
        }
        if (!holds) {
            return false;
        }
        if (queue.queuedBytes() < WritePolicy.BATCH_BYTES) {
            return true;
        }
        flush();
        return false;
    }
}
