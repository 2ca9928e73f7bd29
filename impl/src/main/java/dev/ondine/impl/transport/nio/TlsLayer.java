package dev.ondine.impl.transport.nio;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * TLS between a {@link NioChannel} and its socket: an {@link SSLEngine} that unwraps what
 * the socket reads into plaintext for the channel's phase, and wraps what the connection
 * writes into records for the socket.
 *
 * <p><b>Threads.</b> Reads, the handshake and delegated tasks run on the channel's selector
 * thread (the JDK's SSLEngine does its key exchange inside wrap and unwrap; its delegated
 * tasks are short certificate checks, run inline). Writes come from any thread: wrapping and
 * writing records happen under {@link #writeLock}, so records leave in the order of the
 * plaintext; a record the socket did not take whole stays in {@link #netOut} and is written
 * before anything else. {@code SSLEngine} allows one wrap and one unwrap at a time
 * concurrently, which is what this gives it.
 *
 * <p><b>Buffers.</b> Plaintext is unwrapped into the selector loop's shared application
 * buffer (the phase consumes every byte it is given, as with the shared read buffer).
 * {@link #netIn} holds the start of a record whose end has not arrived, {@link #netOut} wrapped
 * bytes the socket has not taken; both are borrowed from {@link TlsBuffers} only while they
 * hold bytes, so an idle TLS connection holds no buffer, only the engine's own state.
 */
final class TlsLayer {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ByteBuffer[] EMPTY_ARRAY = {EMPTY};

    /** What {@link #onNetRead} leaves behind. */
    enum ReadResult {
        /** Every complete record was handled; more bytes are wanted. */
        MORE,
        /** The handshake waits for the socket to take bytes; the rest is kept. */
        BLOCKED,
        /** The peer sent close_notify: nothing more will come. */
        CLOSED
    }

    private final SSLEngine engine;
    private final SocketChannel socket;
    private final SelectorLoop loop;
    /** Asks the loop for write readiness (from any thread). */
    private final Runnable requestFlush;
    private final Object writeLock = new Object();
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private volatile boolean established;
    private Runnable onEstablished;
    private boolean closeNotifyQueued;
    private volatile boolean released;

    TlsLayer(SSLEngine engine, SocketChannel socket, SelectorLoop loop, Runnable requestFlush) {
        this.engine = engine;
        this.socket = socket;
        this.loop = loop;
        this.requestFlush = requestFlush;
    }

    /** What to run (once, on the loop thread) when the handshake has finished. */
    void onEstablished(Runnable r) {
        this.onEstablished = r;
    }

    boolean isEstablished() {
        return established;
    }

    SSLEngine engine() {
        return engine;
    }

    /** Starts the handshake (the client sends its ClientHello); on the loop thread. */
    ReadResult begin(Consumer<ByteBuffer> plaintext) throws IOException {
        engine.beginHandshake();
        return onNetRead(EMPTY, plaintext);
    }

    // ---------------------------------------------------------------- inbound

    /**
     * Unwraps what the socket read, handing plaintext to {@code plaintext}; keeps an
     * incomplete record for the next call. On the loop thread.
     *
     * @throws SSLException when the peer does not speak TLS or fails the handshake
     */
    ReadResult onNetRead(ByteBuffer net, Consumer<ByteBuffer> plaintext) throws IOException {
        while (true) {
            if (netIn == null) {
                ReadResult r = process(net, plaintext);
                if (net.hasRemaining() && !released) {
                    netIn = TlsBuffers.acquire(Math.max(net.remaining(), engine.getSession().getPacketBufferSize()));
                    netIn.put(net);
                }
                return r;
            }
            // Complete the kept record with just enough of the new bytes, then go on with the rest in place.
            if (!netIn.hasRemaining()) {
                netIn.flip();
                netIn = TlsBuffers.grow(netIn, engine.getSession().getPacketBufferSize() + netIn.remaining());
            }
            ByteBuffer kept = netIn;
            int n = Math.min(netIn.remaining(), net.remaining());
            ByteBuffer part = net.duplicate();
            part.limit(part.position() + n);
            netIn.put(part);
            net.position(net.position() + n);
            netIn.flip();
            ReadResult r = process(kept, plaintext);
            if (netIn == null) {
                return ReadResult.CLOSED; // released meanwhile
            }
            netIn.compact();
            if (netIn.position() == 0) {
                TlsBuffers.release(netIn);
                netIn = null;
            }
            if (r != ReadResult.MORE || !net.hasRemaining()) {
                if (net.hasRemaining()) {
                    // Blocked or closed: keep everything for later (bounded by one read).
                    if (netIn == null) {
                        netIn = TlsBuffers.acquire(net.remaining());
                    } else if (netIn.remaining() < net.remaining()) {
                        netIn.flip();
                        netIn = TlsBuffers.grow(netIn, netIn.remaining() + net.remaining());
                    }
                    netIn.put(net);
                }
                return r;
            }
        }
    }

    /** Runs the handshake and unwraps records from {@code src} while it holds whole ones. */
    private ReadResult process(ByteBuffer src, Consumer<ByteBuffer> plaintext) throws IOException {
        while (true) {
            if (released) {
                return ReadResult.CLOSED;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    runDelegatedTasks();
                    continue;
                }
                case NEED_WRAP -> {
                    if (!wrapHandshake()) {
                        return ReadResult.BLOCKED;
                    }
                    if (engine.isOutboundDone() && engine.isInboundDone()) {
                        return ReadResult.CLOSED;
                    }
                    continue;
                }
                case NOT_HANDSHAKING, FINISHED -> {
                    if (!established) {
                        established = true;
                        Runnable r = onEstablished;
                        onEstablished = null;
                        if (r != null) {
                            r.run();
                        }
                    }
                }
                default -> {
                    // NEED_UNWRAP, NEED_UNWRAP_AGAIN: unwrapped below
                }
            }
            if (!src.hasRemaining() && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
                return ReadResult.MORE;
            }
            ByteBuffer app = loop.tlsAppBuffer(engine.getSession().getApplicationBufferSize());
            SSLEngineResult result = engine.unwrap(src, app);
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return ReadResult.MORE;
                }
                case BUFFER_OVERFLOW -> loop.growTlsAppBuffer(engine.getSession().getApplicationBufferSize());
                case CLOSED -> {
                    deliver(app, plaintext);
                    return ReadResult.CLOSED;
                }
                default -> {
                    deliver(app, plaintext);
                    HandshakeStatus after = result.getHandshakeStatus();
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && (after == HandshakeStatus.NOT_HANDSHAKING || after == HandshakeStatus.NEED_UNWRAP)) {
                        return ReadResult.MORE; // nothing moved: wait for more bytes rather than spin
                    }
                }
            }
        }
    }

    private static void deliver(ByteBuffer app, Consumer<ByteBuffer> plaintext) {
        if (app.position() > 0) {
            app.flip();
            plaintext.accept(app);
        }
    }

    /**
     * Delegated tasks (certificate path checks and the like) run inline on the loop thread:
     * they take well under a millisecond for ordinary chains, less than a hand-off would cost.
     */
    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps handshake (or alert) bytes and writes them; false if the socket did not take them all. */
    private boolean wrapHandshake() throws IOException {
        synchronized (writeLock) {
            if (!flushLocked()) {
                requestFlush.run();
                return false;
            }
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                ensureNetOut();
                SSLEngineResult result = wrapInto(EMPTY_ARRAY, 0, 1);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut.flip();
                    netOut = TlsBuffers.grow(netOut, engine.getSession().getPacketBufferSize() * 2);
                    continue;
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
                if (result.getStatus() == SSLEngineResult.Status.CLOSED || result.bytesProduced() == 0) {
                    break;
                }
            }
            if (netOut != null) {
                netOut.flip();
            }
            if (!flushLocked()) {
                requestFlush.run();
                return false;
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- outbound

    /**
     * Wraps as much of the plaintext as the socket takes; returns the plaintext bytes
     * consumed. A record the socket took only in part is kept and written first next time
     * (write readiness is asked for). Any thread.
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        synchronized (writeLock) {
            if (released || closeNotifyQueued) {
                throw new ClosedChannelException();
            }
            if (!established) {
                return 0;
            }
            if (!flushLocked()) {
                requestFlush.run();
                return 0;
            }
            long consumed = 0;
            while (hasRemaining(srcs, offset, length)) {
                ensureNetOut();
                SSLEngineResult result = wrapInto(srcs, offset, length);
                switch (result.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        netOut.flip();
                        netOut = TlsBuffers.grow(netOut, engine.getSession().getPacketBufferSize());
                        continue;
                    }
                    case CLOSED -> {
                        netOut.flip();
                        flushLocked();
                        if (consumed == 0) {
                            throw new ClosedChannelException();
                        }
                        return consumed;
                    }
                    default -> {
                        // OK: what was wrapped is counted and written below
                    }
                }
                consumed += result.bytesConsumed();
                netOut.flip();
                if (!flushLocked()) {
                    requestFlush.run();
                    break;
                }
                if (result.bytesConsumed() == 0) {
                    // A TLS 1.2 renegotiation holds application data back until it ends;
                    // the caller waits for write readiness meanwhile.
                    break;
                }
            }
            return consumed;
        }
    }

    /** Writes what is kept; true when nothing is left. Any thread. */
    boolean flush() throws IOException {
        synchronized (writeLock) {
            return flushLocked();
        }
    }

    /**
     * Sends close_notify after what is kept (RFC 8446 §6.1), so that the peer sees a clean
     * TLS end before the TCP one; true once it is written. Later calls continue the flush.
     */
    boolean closeOutbound() throws IOException {
        synchronized (writeLock) {
            if (!flushLocked()) {
                return false;
            }
            if (!closeNotifyQueued) {
                closeNotifyQueued = true;
                engine.closeOutbound();
                while (!engine.isOutboundDone()) {
                    ensureNetOut();
                    SSLEngineResult result = wrapInto(EMPTY_ARRAY, 0, 1);
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        netOut.flip();
                        netOut = TlsBuffers.grow(netOut, engine.getSession().getPacketBufferSize() * 2);
                        continue;
                    }
                    if (result.bytesProduced() == 0) {
                        break;
                    }
                }
                if (netOut != null) {
                    netOut.flip();
                }
            }
            return flushLocked();
        }
    }

    /** Answers a close_notify or a fatal error with what the engine has to say, without waiting. */
    void sendPendingBestEffort() {
        try {
            synchronized (writeLock) {
                if (released || !flushLocked()) {
                    return;
                }
                if (!engine.isOutboundDone()) {
                    if (!closeNotifyQueued) {
                        closeNotifyQueued = true;
                        engine.closeOutbound();
                    }
                }
                int rounds = 0;
                while (!engine.isOutboundDone() && rounds++ < 4) {
                    ensureNetOut();
                    SSLEngineResult result = wrapInto(EMPTY_ARRAY, 0, 1);
                    if (result.bytesProduced() == 0) {
                        break;
                    }
                }
                if (netOut != null) {
                    netOut.flip();
                }
                flushLocked();
            }
        } catch (IOException | RuntimeException ignored) {
            // the socket is closed right after this
        }
    }

    /** Gives the buffers back; the connection has ended. */
    void release() {
        synchronized (writeLock) {
            released = true;
            TlsBuffers.release(netOut);
            netOut = null;
        }
        // netIn is touched on the loop thread only, which is where this runs; it may be in use
        // further up the stack (a phase that ended the channel while handling plaintext), so it
        // is dropped rather than given back to the pool.
        netIn = null;
    }

    /** Bytes held in buffers right now (for tests and diagnostics). */
    int bufferedBytes() {
        int n = 0;
        synchronized (writeLock) {
            n += netOut == null ? 0 : netOut.capacity();
        }
        ByteBuffer in = netIn;
        return n + (in == null ? 0 : in.capacity());
    }

    /**
     * Under writeLock: {@code engine.wrap} into {@link #netOut} (in write mode). When it fails
     * (the JDK's engine throws here the error of a delegated task, a failed certificate check
     * among them, before it has written anything), {@code netOut} is put in read mode holding
     * what was produced, so that the flush before the alert sends those bytes and nothing of the
     * buffer's unwritten rest.
     */
    private SSLEngineResult wrapInto(ByteBuffer[] srcs, int offset, int length) throws SSLException {
        try {
            return engine.wrap(srcs, offset, length, netOut);
        } catch (SSLException | RuntimeException e) {
            netOut.flip();
            throw e;
        }
    }

    private void ensureNetOut() {
        // Called when netOut is null (everything written) or still in write mode from the previous wrap.
        if (netOut == null) {
            netOut = TlsBuffers.acquire(engine.getSession().getPacketBufferSize());
        }
    }

    /** Under writeLock: writes {@link #netOut} (in read mode); true when it is empty (and returned). */
    private boolean flushLocked() throws IOException {
        if (netOut == null) {
            return true;
        }
        while (netOut.hasRemaining()) {
            if (socket.write(netOut) == 0) {
                return false;
            }
        }
        TlsBuffers.release(netOut);
        netOut = null;
        return true;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
