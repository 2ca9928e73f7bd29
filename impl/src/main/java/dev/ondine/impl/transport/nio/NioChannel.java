package dev.ondine.impl.transport.nio;

import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.transport.PeerConnection;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;

/**
 * One accepted or connected TCP socket on a {@link SelectorLoop}, and the {@link Transport}
 * of the WebSocket connection on it. It starts in the HTTP phase (a {@link Phase} that
 * parses the opening handshake) and moves to the WebSocket phase, where every byte read
 * goes to the {@link WebSocketConnection}.
 *
 * <p>Reads happen on the loop thread only. Writes may come from any thread (the
 * connection serialises them); a write that leaves bytes behind asks for write readiness.
 * Closing is a lingering close: shut the output down so the peer receives everything sent
 * and a FIN, read and discard until the peer closes too or a short time passes, then close.
 */
final class NioChannel implements Transport, SelectorLoop.Selectable {
    private static final Logger LOG = Logger.getLogger(NioChannel.class.getName());
    /** Largest slice of a heap buffer handed to one socket write (the JDK copies heap buffers to direct ones). */
    private static final int MAX_HEAP_SLICE = 256 * 1024;
    /** How long a closing socket waits for the peer's FIN before it is closed anyway. */
    private static final long LINGER_MILLIS = 2_000;

    /** What reads and write readiness mean in the current phase of the socket. */
    interface Phase {
        /** Bytes read; must consume all of them. */
        void onRead(ByteBuffer bytes);

        /** The socket can take bytes again after an incomplete write. */
        void onWritable();

        /** The socket has ended; {@code cause} is null for an orderly end. */
        void onClosed(IOException cause);
    }

    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final SocketAddress remote;
    private final SocketAddress local;
    private final Consumer<NioChannel> onEnd;
    private SelectionKey key;
    private volatile Phase phase;
    private volatile boolean closing;
    private volatile boolean closed;
    private boolean readPaused;
    private Transport.Cancellable lingerTimer;
    /** TLS between the socket and the phases, or null for plain TCP. */
    private TlsLayer tls;
    /** Closing, and waiting for the socket to take the last records and close_notify before the FIN. */
    private boolean outputPending;
    /** The TLS engine waits to write before it can read on: OP_READ is off until it has. */
    private boolean tlsReadBlocked;

    NioChannel(SelectorLoop loop, SocketChannel channel, Consumer<NioChannel> onEnd) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.remote = channel.getRemoteAddress();
        this.local = channel.getLocalAddress();
        this.onEnd = onEnd;
    }

    SelectorLoop loop() {
        return loop;
    }

    /**
     * Puts TLS between the socket and the phases; before {@link #register}. The handshake
     * starts on registration; {@code onEstablished} runs on the loop thread when it is done
     * (the client sends its upgrade request then). The phase's handshake timeout covers the
     * TLS handshake too.
     */
    void useTls(SSLEngine engine, Runnable onEstablished) {
        tls = new TlsLayer(engine, channel, loop, this::requestWritable);
        tls.onEstablished(onEstablished);
    }

    /**
     * Starts TLS on a registered channel, with {@code next} as its phase: inside a tunnel
     * through a proxy, once the proxy has answered. {@code early} holds bytes already read
     * after the proxy's answer (the start of the server's records); they are consumed here.
     * On the loop thread.
     */
    void startTls(SSLEngine engine, Runnable onEstablished, Phase next, ByteBuffer early) {
        this.phase = next;
        useTls(engine, onEstablished);
        try {
            afterTls(tls.begin(this::deliver));
            if (early.hasRemaining() && !closed) {
                afterTls(tls.onNetRead(early, this::deliver));
            }
        } catch (IOException | RuntimeException e) {
            tlsFailed(e);
        }
        early.position(early.limit()); // consumed, kept by the TLS layer, or moot once closed
    }

    /** Whether TLS is used and its handshake has not finished yet. */
    boolean tlsHandshaking() {
        return tls != null && !tls.isEstablished();
    }

    /**
     * The connection as the application sees it: both addresses and, once the TLS handshake
     * has finished, the session's protocol, cipher suite and the peer's certificates.
     */
    PeerConnection connectionInfo() {
        if (tls != null && tls.isEstablished()) {
            return PeerConnection.overTls(remote, local, tls.engine().getSession());
        }
        return PeerConnection.of(remote, local, tls != null);
    }

    /** The TLS layer, or null (for tests). */
    TlsLayer tls() {
        return tls;
    }

    /** Registers the channel for reading with {@code first} as its phase; on the loop thread. */
    void register(Phase first) throws ClosedChannelException {
        this.phase = first;
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        if (tls != null) {
            try {
                afterTls(tls.begin(this::deliver));
            } catch (IOException | RuntimeException e) {
                tlsFailed(e);
            }
        }
    }

    /** Moves to the next phase; on the loop thread. */
    void setPhase(Phase next) {
        this.phase = next;
    }

    /** Whether the socket's read interest is off (on the loop thread's last word); for diagnostics. */
    boolean readPausedForDiagnostics() {
        return readPaused;
    }

    /** The selection key's interest set, or -1 when it is no longer valid; for diagnostics. */
    int interestOpsForDiagnostics() {
        try {
            return key.interestOps();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The WebSocket connection on this socket, or null while it is still in its handshake. */
    WebSocketConnection connection() {
        Phase p = phase;
        return p instanceof WebSocketPhase ws ? ws.connection() : null;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * The server is going away: a WebSocket connection closes with 1001 (RFC 6455 §7.4.1),
     * a socket still in its handshake just closes. On the loop thread.
     */
    void goAway() {
        Phase p = phase;
        if (p instanceof WebSocketPhase ws) {
            ws.connection().close(CloseCodes.GOING_AWAY, "Server shutting down");
        } else {
            close();
        }
    }

    // ---------------------------------------------------------------- readiness

    @Override
    public void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            k.interestOps(k.interestOps() & ~SelectionKey.OP_WRITE);
            if (!closed) {
                if (tls == null) {
                    phase.onWritable();
                } else {
                    tlsWritable();
                }
            }
        }
        if ((ready & SelectionKey.OP_READ) != 0 && k.isValid()) {
            read();
        }
    }

    private void read() {
        ByteBuffer buffer = loop.readBuffer();
        // Read until the socket is drained, the reader pauses, or a few rounds have passed
        // (fairness between the loop's connections).
        for (int round = 0; round < 4 && !closed && !readPaused; round++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                end(e);
                return;
            }
            if (n < 0) {
                end(null); // the peer's FIN: an orderly end (or the end of a lingering close)
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            if (closing) {
                continue; // discard while lingering
            }
            if (tls == null) {
                phase.onRead(buffer);
            } else {
                try {
                    afterTls(tls.onNetRead(buffer, this::deliver));
                } catch (IOException | RuntimeException e) {
                    tlsFailed(e);
                    return;
                }
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- TLS

    /** Plaintext from the TLS layer to the phase, unless the socket is closing. */
    private void deliver(ByteBuffer plaintext) {
        if (!closing && !closed) {
            phase.onRead(plaintext);
        } else {
            plaintext.position(plaintext.limit());
        }
    }

    private void afterTls(TlsLayer.ReadResult result) {
        if (result == TlsLayer.ReadResult.BLOCKED && !closed && key.isValid()) {
            // The engine has bytes to send that the socket does not take: read no more (the
            // kept input would grow) until they are written.
            tlsReadBlocked = true;
            key.interestOps((key.interestOps() & ~SelectionKey.OP_READ) | SelectionKey.OP_WRITE);
        }
        if (result == TlsLayer.ReadResult.CLOSED && !closed) {
            // close_notify from the peer: like its FIN. Answer with ours if not sent yet, then end.
            tls.sendPendingBestEffort();
            end(null);
        }
    }

    /** Not TLS, or a failed handshake: send the engine's alert if it has one, then end. */
    private void tlsFailed(Exception e) {
        if (closed) {
            return;
        }
        LOG.log(Level.FINE, () -> "TLS failed with " + remote + ": " + e);
        tls.sendPendingBestEffort();
        end(e instanceof IOException ? (IOException) e : new IOException("TLS failed", e));
    }

    /** Write readiness with TLS: kept records first, then the handshake, the close, or the phase. */
    private void tlsWritable() {
        try {
            if (!tls.flush()) {
                requestWriteInterest();
                return;
            }
            if (outputPending) {
                if (tls.closeOutbound()) {
                    outputPending = false;
                    shutdownOutput();
                } else {
                    requestWriteInterest();
                }
                return;
            }
            if (!tls.isEstablished() || tlsReadBlocked) {
                if (tlsReadBlocked) {
                    tlsReadBlocked = false;
                    if (!readPaused && !closing && key.isValid()) {
                        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
                    }
                }
                afterTls(tls.onNetRead(ByteBuffer.allocate(0), this::deliver));
                if (closed || !tls.isEstablished()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            tlsFailed(e);
            return;
        }
        if (!closing) {
            phase.onWritable();
        }
    }

    private void requestWriteInterest() {
        if (!closed && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    @Override
    public void onFailure(RuntimeException e) {
        end(new IOException("Channel handler failed", e));
    }

    @Override
    public void onLoopStopped() {
        end(new IOException("Selector loop stopped"));
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public long write(ByteBuffer[] buffers, int offset, int length) throws IOException {
        if (closed || closing) {
            throw new ClosedChannelException();
        }
        if (tls != null) {
            return tls.write(buffers, offset, length);
        }
        // Hand the socket at most MAX_HEAP_SLICE of a large heap buffer at a time, and nothing
        // after it: the JDK copies heap buffers into a temporary direct buffer of their size.
        int count = length;
        int slicedIndex = -1;
        int savedLimit = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = buffers[i];
            if (!b.isDirect() && b.remaining() > MAX_HEAP_SLICE) {
                slicedIndex = i;
                savedLimit = b.limit();
                b.limit(b.position() + MAX_HEAP_SLICE);
                count = i - offset + 1;
                break;
            }
        }
        try {
            return channel.write(buffers, offset, count);
        } finally {
            if (slicedIndex >= 0) {
                buffers[slicedIndex].limit(savedLimit);
            }
        }
    }

    /**
     * Writes what the socket takes of an HTTP head (a phase's request or answer) and asks for
     * write readiness when some is left.
     *
     * @return whether all of it is written
     */
    boolean writeHead(ByteBuffer head) throws IOException {
        write(new ByteBuffer[] {head}, 0, 1);
        if (head.hasRemaining()) {
            requestWritable();
            return false;
        }
        return true;
    }

    @Override
    public void requestWritable() {
        loop.execute(() -> {
            if (!closed && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        });
    }

    @Override
    public void pauseReading() {
        loop.execute(() -> {
            readPaused = true;
            if (!closed && key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        });
    }

    @Override
    public void resumeReading() {
        loop.execute(() -> {
            readPaused = false;
            if (!closed && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
        });
    }

    @Override
    public void close() {
        loop.execute(this::startLingeringClose);
    }

    /**
     * After a complete closing handshake the peer sends nothing more, so nothing unread can
     * turn our close into a reset: a plain socket closes at once (our last frame, already in
     * the socket's buffer, still goes out before the FIN). A TLS socket still sends its
     * close_notify first.
     */
    @Override
    public void closeAfterClosingHandshake() {
        loop.execute(() -> {
            if (tls == null && !closing) {
                end(null);
            } else {
                startLingeringClose();
            }
        });
    }

    private void startLingeringClose() {
        if (closed || closing) {
            return;
        }
        closing = true;
        lingerTimer = loop.schedule(() -> end(null), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        readPaused = false;
        if (tls != null) {
            // A clean TLS end before the TCP one: kept records, then close_notify, then the FIN.
            boolean sent;
            try {
                sent = tls.closeOutbound();
            } catch (IOException | RuntimeException e) {
                end(null);
                return;
            }
            if (!sent) {
                outputPending = true;
                if (key.isValid()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
                return;
            }
        }
        shutdownOutput();
    }

    /**
     * Sends the FIN, then keeps reading (and discarding) until the peer's, so that our last
     * bytes are not lost to a reset caused by unread data; but not for ever (the linger timer).
     */
    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            end(null);
            return;
        }
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Closes the socket at once and reports the end to the phase; on the loop thread. */
    void end(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        if (tls != null) {
            tls.release();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing a socket failed", e);
        }
        try {
            onEnd.accept(this);
        } finally {
            Phase p = phase;
            if (p != null) {
                p.onClosed(cause);
            }
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        return loop.schedule(task, delay, unit);
    }

    @Override
    public void execute(Runnable task) {
        loop.submit(task);
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }
}
