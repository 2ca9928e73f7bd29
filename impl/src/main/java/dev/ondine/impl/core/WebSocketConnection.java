package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.CloseFrames;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection after its opening handshake: the protocol state machine of RFC
 * 6455 between a {@link Transport} below (bytes) and a {@link ConnectionListener} above
 * (messages). It knows nothing of sockets or of the Jakarta API. It is the one face of the
 * core to both, and coordinates the parts that each do one thing:
 *
 * <ul>
 *   <li>{@link ConnectionInput}: bytes → frames → messages; control frames.</li>
 *   <li>{@link ConnectionOutput}: messages → frames → the outgoing queue, written as the
 *       {@link WritePolicy} says for each {@link SendKind}.</li>
 *   <li>{@link ClosingHandshake}: the state of §7's closing handshake; this class sends the
 *       close frames, ends the transport when it is done (the server first, §7.1.1), waits
 *       for the peer's close at most the close timeout, and fails the connection on a
 *       protocol violation (§7.1.7: 1002, 1007, 1009) or a listener's exception (1011).</li>
 *   <li>{@link ReadPause}: reading stops while the peer leaves the outgoing queue full or the
 *       layer above has a backlog; {@link IdleTimeout} closes a quiet connection with 1001.</li>
 *   <li>Off unless configured: {@link Keepalive} pings a silent peer and ends the connection
 *       when nothing answers; {@link SlowConsumer} closes a peer that leaves the outgoing
 *       queue full too long with 1008.</li>
 * </ul>
 *
 * <p>One lock, this object's, guards what the reading thread and the senders share (the
 * closing handshake, the write policy, the pause reasons, the frame encoder, the timers);
 * the parts hold none of their own.
 */
public final class WebSocketConnection {

    /** Reading is suspended because the peer leaves too much of our output unread. */
    public static final int READ_PAUSE_OUTGOING = ReadPause.OUTGOING;
    /** Reading is suspended because the layer above has not yet handled what it received. */
    public static final int READ_PAUSE_BACKLOG = ReadPause.BACKLOG;

    private final Role role;
    private final Transport transport;
    private final ConnectionListener listener;
    private final ConnectionMetrics metrics;
    private final long closeTimeoutMillis;
    /** permessage-deflate, or null when it was not negotiated. */
    private final PerMessageDeflate deflate;
    /** When the codec gives zlib's memory back; null without permessage-deflate. */
    private final DeflateRelease deflateRelease;
    private final IdleTimeout idle;
    private final ConnectionInput input;
    private final ConnectionOutput output;
    /** Keepalive pings, or null when off. */
    private final Keepalive keepalive;
    /** The slow-consumer policy, or null when off. */
    private final SlowConsumer slowConsumer;

    // Guarded by "this".
    private final ClosingHandshake closing = new ClosingHandshake();
    private final ReadPause readPause;
    private Transport.Cancellable closeTimer;
    /** Why {@link #abort(String)} ended the transport, reported with 1006; null otherwise. */
    private String abortReason;

    /**
     * @param maskKeys the masking keys of a client (RFC 6455 §5.3), null for a server
     * @param deflate the permessage-deflate codec agreed in the handshake, or null; the
     *        connection owns it from now on and ends it when the transport closes
     */
    public WebSocketConnection(Role role, Transport transport, ConnectionListener listener, ConnectionLimits limits,
                               MaskKeySource maskKeys, PerMessageDeflate deflate) {
        this(role, transport, listener, limits, maskKeys, deflate, ConnectionMetrics.NOOP);
    }

    /**
     * As {@link #WebSocketConnection(Role, Transport, ConnectionListener, ConnectionLimits, MaskKeySource, PerMessageDeflate)},
     * reporting its traffic to {@code metrics}.
     */
    public WebSocketConnection(Role role, Transport transport, ConnectionListener listener, ConnectionLimits limits,
                               MaskKeySource maskKeys, PerMessageDeflate deflate, ConnectionMetrics metrics) {
        this.role = role;
        this.transport = transport;
        this.listener = listener;
        this.metrics = metrics == null ? ConnectionMetrics.NOOP : metrics;
        this.closeTimeoutMillis = limits.closeTimeoutMillis();
        this.deflate = deflate;
        this.deflateRelease = deflate == null ? null : new DeflateRelease(deflate, transport, limits.deflateReleaseMillis());
        this.idle = new IdleTimeout(this, transport, limits.idleTimeoutMillis());
        this.readPause = new ReadPause(transport);
        this.keepalive = Keepalive.of(this, transport, limits);
        this.slowConsumer = SlowConsumer.of(this, transport, limits);
        this.input = new ConnectionInput(this, role, transport, listener, limits, deflateRelease, idle, readPause, keepalive,
                this.metrics);
        this.output = new ConnectionOutput(this, role, transport, maskKeys, deflateRelease, limits.maxOutgoingQueueBytes(),
                closing, idle, input, this.metrics);
    }

    /** The permessage-deflate codec in use, or null. */
    public PerMessageDeflate deflate() {
        return deflate;
    }

    /**
     * Where this connection reports its traffic ({@link ConnectionMetrics#NOOP} if nowhere):
     * the keepalive calls its {@link ConnectionMetrics#pingSent()} and {@link ConnectionMetrics#pongLate()}.
     */
    public ConnectionMetrics metrics() {
        return metrics;
    }

    /** Tells the listener that the connection is open and starts the idle timer (and keepalive, if on). */
    public void start() {
        metrics.opened();
        idle.start();
        if (keepalive != null) {
            synchronized (this) {
                keepalive.start();
            }
        }
        try {
            listener.onOpen(this);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    public Role role() {
        return role;
    }

    /** Runs {@code task} once after {@code delay} on the transport's timer (a send timeout, say). */
    public Transport.Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        return transport.schedule(task, delay, unit);
    }

    /** True once the peer's close frame has been read (nothing more will be read). */
    public synchronized boolean peerCloseFrameRead() {
        return closing.peerCloseFrameRead();
    }

    public synchronized boolean isOpen() {
        return closing.isOpen();
    }

    public int maxTextMessageBytes() {
        return input.assembler().maxTextBytes();
    }

    public int maxBinaryMessageBytes() {
        return input.assembler().maxBinaryBytes();
    }

    public void setMaxTextMessageBytes(int max) {
        input.assembler().setMaxTextBytes(max);
    }

    public void setMaxBinaryMessageBytes(int max) {
        input.assembler().setMaxBinaryBytes(max);
    }

    public long idleTimeoutMillis() {
        return idle.timeoutMillis();
    }

    /** Sets the idle timeout; 0 disables it. */
    public void setIdleTimeoutMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Idle timeout must not be negative: " + millis);
        }
        idle.setTimeoutMillis(millis);
    }

    /** Bytes encoded but not yet taken by the transport. */
    public long queuedBytes() {
        return output.queuedBytes();
    }

    /** The outgoing queue's limit ({@code ondine.maxOutgoingQueueBytes}). */
    public long maxQueuedBytes() {
        return output.maxQueueBytes();
    }

    /** The READ_PAUSE_* reasons reading is suspended for now (0: reading); for diagnostics. */
    public synchronized int readPauseReasons() {
        return readPause.reasons();
    }

    /** Bytes read but held back (reading suspended in the middle of a read); for diagnostics. */
    public synchronized int heldInputBytes() {
        return readPause.heldBytes();
    }

    // ------------------------------------------------------------------ from the transport

    /**
     * Bytes read by the transport. Consumes all of {@code bytes} (the parser unmasks in
     * place), so the transport may reuse its read buffer as soon as this returns.
     */
    public void onBytesReceived(ByteBuffer bytes) {
        metrics.bytesRead(bytes.remaining());
        input.onBytesReceived(bytes);
    }

    /** The transport can take bytes again after a write that did not take everything. */
    public void onWritable() {
        output.onWritable();
    }

    /**
     * The transport has ended, cleanly or not; {@code cause} is null for an orderly end.
     * Reports the close to the listener exactly once.
     */
    public void onTransportClosed(IOException cause) {
        ClosingHandshake.Status status;
        synchronized (this) {
            status = closing.transportEnded(abortReason != null ? abortReason : cause == null
                    ? "Connection ended without a close frame" : String.valueOf(cause.getMessage()));
            cancelTimers();
        }
        input.ended();
        output.fail(cause != null ? cause : new ClosedChannelException());
        if (deflate != null) {
            deflateRelease.stop();
            deflate.end(); // zlib's memory is released with the connection
        }
        if (status == null) {
            return;
        }
        metrics.closed(status.code());
        if (cause != null && status.code() == CloseCodes.ABNORMAL) {
            safeOnError(cause);
        }
        try {
            listener.onClose(status.code(), status.reason());
        } catch (RuntimeException e) {
            safeOnError(e);
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends a whole text message; the sender does not wait ({@link SendKind#ASYNCHRONOUS}). */
    public void sendText(String text, SendCallback callback) {
        send(MessageType.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true, SendKind.ASYNCHRONOUS,
                callback);
    }

    /** Sends a whole binary message; the sender does not wait. The buffer must not change until the callback runs. */
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        send(MessageType.BINARY, data, true, SendKind.ASYNCHRONOUS, callback);
    }

    /**
     * Sends a message or one part of it (RFC 6455 §5.4): parts of one message are sent in
     * order, the one with {@code last} ends it, and no other message may be sent while it is
     * unfinished. {@code kind} says what the send is: whether a full outgoing queue refuses it
     * (the callback then fails with {@link OutgoingQueueFullException}) and when it is written
     * ({@link WritePolicy}). The buffer must not change until the callback runs.
     */
    public void send(MessageType type, ByteBuffer data, boolean last, SendKind kind, SendCallback callback) {
        output.send(type, data, last, kind, callback);
    }

    /**
     * Queues a whole message encoded once for many connections (a broadcast), or says why
     * this connection misses it: it never waits and never blocks ({@link SharedDelivery}).
     */
    public SharedDelivery sendShared(SharedMessage message) {
        return output.sendShared(message);
    }

    /** Sends a ping, a heartbeat for the {@link WritePolicy}. */
    public void sendPing(ByteBuffer payload, SendCallback callback) {
        output.sendControl(Opcode.PING, payload, callback);
    }

    /** Sends a pong: the answer to a ping (§5.5.2), or unsolicited, a heartbeat (§5.5.3). */
    public void sendPong(ByteBuffer payload, SendCallback callback) {
        output.sendControl(Opcode.PONG, payload, callback);
    }

    /**
     * Batching: while on, sends from other threads are queued without being written, until
     * {@link #flush()} or until batching is turned off (which flushes). The end of a read
     * also writes what is queued (the replies it produced go out together), so batched frames
     * may leave earlier than the flush: batching is a permission to delay, not a promise.
     */
    public void setBatching(boolean on) {
        output.setBatching(on);
    }

    public boolean isBatching() {
        return output.isBatching();
    }

    /**
     * Corking: while on, blocking sends from other threads are held, at the container's
     * initiative: a session whose endpoint has more received messages waiting to be handled
     * corks while it handles them, so that their replies leave in one write when the last one
     * is handled. Turning it off flushes.
     */
    public void setCorked(boolean on) {
        output.setCorked(on);
    }

    /**
     * For a blocking sender whose frame was just queued and is not yet written: whether it
     * may return now because batching or corking holds its frame in a batch of less than
     * {@value WritePolicy#BATCH_BYTES} bytes (Jakarta WebSocket 2.2, {@code RemoteEndpoint}:
     * "send operations are considered to have completed if the message has been written to
     * the local batch"). A fuller batch is written out now and false returned: the sender
     * then waits for its write, which a held frame would never see before {@code flushBatch}.
     */
    public boolean completesInBatch() {
        return output.completesInBatch();
    }

    /** Writes whatever is queued (what batching held back included). */
    public void flush() {
        output.flush();
    }

    // ------------------------------------------------------------------ closing

    /**
     * Starts the closing handshake with {@code code} and {@code reason} (RFC 6455 §7.1.2);
     * the connection ends when the peer answers or the close timeout passes. Does nothing
     * if closing has already begun.
     */
    public void close(int code, String reason) {
        close(code, reason, code);
    }

    /**
     * {@link #close(int, String)} that reports {@code localCode} to this side's listener
     * instead of the code sent: a code that may not go on the wire (1006) can still be what
     * the local endpoint is told.
     */
    void close(int code, String reason, int localCode) {
        synchronized (this) {
            if (!closing.start(localCode, reason)) {
                return;
            }
        }
        sendCloseFrame(code, reason);
        armCloseTimer();
    }

    /** Ends the transport at once, without a closing handshake (reported as 1006). */
    public void abort() {
        transport.close();
    }

    /**
     * {@link #abort()} telling the local listener {@code reason} with its 1006, for a
     * connection given up on: a peer that does not answer pings, a send that cannot complete.
     */
    public void abort(String reason) {
        synchronized (this) {
            if (abortReason == null) {
                abortReason = reason;
            }
        }
        transport.close();
    }

    /**
     * The peer's close frame (RFC 6455 §5.5.1): nothing more is read; it is answered with a
     * close frame echoing its status unless ours was sent, and then the connection ends.
     */
    void onCloseFrame(CloseFrames.CloseStatus status) {
        input.stop();
        boolean answer;
        synchronized (this) {
            answer = closing.peerClosed(status);
        }
        if (!answer) {
            endAfterHandshake(); // our close has been answered: the closing handshake is complete
            return;
        }
        // §5.5.1: answered "as soon as practical", once the listener has handled the messages
        // read before the close (their replies go first), and at the latest after the close timeout.
        CloseAnswer reply = new CloseAnswer(status.code());
        reply.deadline = transport.schedule(reply, closeTimeoutMillis, TimeUnit.MILLISECONDS);
        try {
            listener.onCloseFrame(reply);
        } catch (RuntimeException e) {
            reply.run();
            safeOnError(e);
        }
    }

    /** The close frame that answers the peer's (echoing its code, §5.5.1); sent once, from any thread. */
    private final class CloseAnswer implements Runnable {
        private final AtomicBoolean sent = new AtomicBoolean();
        private final int code;
        volatile Transport.Cancellable deadline;

        CloseAnswer(int code) {
            this.code = code;
        }

        @Override
        public void run() {
            if (!sent.compareAndSet(false, true)) {
                return;
            }
            Transport.Cancellable timer = deadline;
            if (timer != null) {
                timer.cancel();
            }
            sendCloseFrame(code, "");
        }
    }

    /**
     * Fails the connection (RFC 6455 §7.1.7): stop reading, send a close frame with
     * {@code code} if none was sent, and end the transport once it is written (or after the
     * close timeout if the peer does not read).
     */
    void fail(int code, String reason, Throwable error) {
        input.stop();
        boolean send;
        synchronized (this) {
            send = closing.fail(code, reason);
        }
        // The close frame is queued before the error is reported: the listener's handler runs
        // on another thread, and whatever it sends in reply to the error (a last text, say)
        // must not overtake the close (§7.1.7: after failing, no more data frames). The
        // official TCK's maxLengthFailsTest waits for the 1009 close, not for that text.
        if (send) {
            sendCloseFrame(code, shortReason(reason));
        } else {
            endAfterHandshake();
        }
        safeOnError(error);
        armCloseTimer();
    }

    /** An exception thrown by the listener: report it and fail with 1011 (§7.4.1). */
    void listenerFailed(RuntimeException e) {
        fail(CloseCodes.INTERNAL_ERROR, "Internal error", e);
    }

    private void sendCloseFrame(int code, String reason) {
        output.sendClose(CloseFrames.encode(code, reason == null ? "" : reason), new SendCallback() {
            @Override
            public void completed() {
                closeFrameWritten();
            }

            @Override
            public void failed(Throwable cause) {
                transport.close();
            }
        });
    }

    /** Our close frame is on the wire. */
    private void closeFrameWritten() {
        boolean handshakeDone;
        synchronized (this) {
            handshakeDone = closing.inputEnded();
        }
        if (handshakeDone) {
            endAfterHandshake();
        }
    }

    /**
     * Both close frames have been exchanged (RFC 6455 §7.1.1): the server ends the TCP
     * connection now; the client gives the server the close timeout to do it first.
     */
    private void endAfterHandshake() {
        boolean complete;
        synchronized (this) {
            if (!output.isEmpty()) {
                return; // our own close is still queued; its callback comes back here
            }
            complete = closing.peerCloseFrameRead();
            if (role == Role.CLIENT) {
                if (closeTimer != null) {
                    closeTimer.cancel();
                }
                if (!closing.isClosed()) {
                    closeTimer = transport.schedule(transport::close, closeTimeoutMillis, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
        if (complete) {
            transport.closeAfterClosingHandshake();
        } else {
            transport.close(); // failing the connection: the peer may still be sending
        }
    }

    /** §7.1.1: do not wait for ever for the peer's close frame. */
    private void armCloseTimer() {
        synchronized (this) {
            if (closeTimer == null && !closing.isClosed()) {
                closeTimer = transport.schedule(transport::close, closeTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void safeOnError(Throwable error) {
        try {
            listener.onError(error);
        } catch (RuntimeException ignored) {
            // onError must not be able to stop the close from proceeding.
        }
    }

    /** A failure's reason, to its first 100 characters ({@link CloseFrames#encode} fits it in §5.5's 125 bytes). */
    private static String shortReason(String reason) {
        if (reason == null) {
            return "";
        }
        return reason.length() > 100 ? reason.substring(0, 100) : reason;
    }

    // ------------------------------------------------------------------ reading flow

    /**
     * Suspends reading for {@code reason} (a READ_PAUSE_* bit); reading stays suspended
     * until every reason has been lifted with {@link #resumeReading(int)}.
     */
    public void suspendReading(int reason) {
        synchronized (this) {
            readPause.add(reason);
            if (slowConsumer != null && reason == READ_PAUSE_OUTGOING && closing.isOpen()) {
                slowConsumer.queueFull();
            }
        }
        input.suspended();
    }

    /** Lifts {@code reason}; reading resumes when no reason is left. */
    public void resumeReading(int reason) {
        boolean resume;
        synchronized (this) {
            resume = readPause.lift(reason);
            if (slowConsumer != null && reason == READ_PAUSE_OUTGOING) {
                slowConsumer.queueDrained();
            }
        }
        if (resume) {
            // What was held back is parsed first, on the transport's thread, then reading resumes.
            transport.execute(this::resumeHeldInput);
        }
    }

    synchronized boolean readPausedFor(int reason) {
        return readPause.has(reason);
    }

    private void resumeHeldInput() {
        input.parseHeldInput();
        synchronized (this) {
            // Decided and issued under the lock, like the pause: see ReadPause.add.
            if (readPause.reasons() == 0 && !readPause.holdsInput()) {
                transport.resumeReading();
            }
        }
    }

    private void cancelTimers() {
        if (closeTimer != null) {
            closeTimer.cancel();
            closeTimer = null;
        }
        idle.disarm();
        if (keepalive != null) {
            keepalive.stop();
        }
        if (slowConsumer != null) {
            slowConsumer.queueDrained();
        }
    }
}
