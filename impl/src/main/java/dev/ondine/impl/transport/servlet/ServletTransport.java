package dev.ondine.impl.transport.servlet;

import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A servlet container's upgraded connection ({@link WebConnection}) as a {@link Transport},
 * with the non-blocking I/O of Servlet 3.1+:
 * <ul>
 * <li><b>reads</b> happen in {@link #onDataAvailable()} while {@code isReady()}; pausing
 *     means not reading, and resuming reads again on a pool thread (the container calls
 *     {@code onDataAvailable} only after {@code isReady()} has returned false);</li>
 * <li><b>writes</b> never block: {@link #write} hands bytes to the stream only while
 *     {@code isReady()}, and returns what it took; the connection's queue keeps the rest and
 *     asks for {@link #requestWritable()}, answered from {@link #onWritePossible()}. The
 *     queue lets one thread at a time write, from whichever thread sends;</li>
 * <li><b>timers</b> run on the application's shared timer thread.</li>
 * </ul>
 * The peer's end of input ({@link #onAllDataRead()}), an I/O error or {@link #close()} end
 * the connection; {@link WebSocketConnection#onTransportClosed} is called once.
 *
 * <p><b>Closing on a container thread.</b> Tomcat acts on {@code WebConnection.close()} only
 * when a container thread returns from a listener callback: closed from any other thread
 * (the idle timer, an endpoint's thread that sent the last close frame), the socket stays
 * open until the next event on it, and a peer that waits for the server to end the TCP
 * connection (RFC 6455 §7.1.1) waits for its close timeout. So a close requested while a
 * container callback is running is left to that callback, which closes before it returns;
 * and a callback that has just delivered the peer's close frame waits (briefly) for the
 * connection to ask for the close, which then comes from whichever thread wrote our own
 * close frame.
 */
final class ServletTransport implements Transport, ReadListener, WriteListener {
    private static final Logger LOG = Logger.getLogger(ServletTransport.class.getName());
    /** How long a close waits for the container to take the last bytes. */
    private static final long CLOSE_DRAIN_MILLIS = 5_000;
    /** How long a container callback that delivered the peer's close frame waits for the close. */
    private static final long CLOSE_HANDOFF_MILLIS = 1_000;

    private final WebConnection webConnection;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final ServletRuntime runtime;
    private final boolean secure;
    private final SocketAddress remote;
    private final SocketAddress local;
    private volatile WebSocketConnection connection;

    private final Object lock = new Object();
    // Guarded by lock.
    private boolean paused;
    private boolean reading;
    private boolean readAgain;
    /** The queue waits for onWritePossible. */
    private boolean writableRequested;
    /** onWritePossible came while nobody waited for it. */
    private boolean writableSignalled;
    private boolean closing;
    private boolean ended;
    private ScheduledFuture<?> closeDeadline;
    /** The container threads inside a listener callback of this transport now. */
    private final Set<Thread> callbackThreads = new HashSet<>(4);
    /** webConnection.close() is left to the container thread of a running callback. */
    private boolean closeInCallback;
    private boolean webConnectionClosed;

    /** Reused for writes from direct buffers; touched only by the one writing thread. */
    private byte[] copyChunk;

    ServletTransport(WebConnection webConnection, ServletRuntime runtime, boolean secure,
                     SocketAddress remote, SocketAddress local) throws IOException {
        this.webConnection = webConnection;
        this.in = webConnection.getInputStream();
        this.out = webConnection.getOutputStream();
        this.runtime = runtime;
        this.secure = secure;
        this.remote = remote;
        this.local = local;
    }

    /** Connects the transport to its connection and starts the non-blocking I/O. */
    void start(WebSocketConnection c) {
        this.connection = c;
        out.setWriteListener(this);
        c.start();
        in.setReadListener(this);
    }

    // ------------------------------------------------------------------ reading

    @Override
    public void onDataAvailable() {
        enterCallback();
        try {
            readAvailable();
        } finally {
            exitCallback();
        }
    }

    /** A container thread enters one of this transport's listener callbacks. */
    private void enterCallback() {
        synchronized (lock) {
            callbackThreads.add(Thread.currentThread());
        }
    }

    /**
     * A container thread leaves a callback: it closes the web connection if a close was left
     * to it, or waits briefly for the close that must follow the peer's close frame.
     */
    private void exitCallback() {
        boolean close;
        synchronized (lock) {
            WebSocketConnection c = connection;
            if (!ended && c != null && c.peerCloseFrameRead()) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_HANDOFF_MILLIS);
                long left;
                while (!ended && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            callbackThreads.remove(Thread.currentThread());
            close = closeInCallback && !webConnectionClosed;
            if (close) {
                webConnectionClosed = true;
            }
        }
        if (close) {
            closeWebConnection();
        }
    }

    /** Reads while the stream has bytes and reading is not paused; never two threads at once. */
    private void readAvailable() {
        synchronized (lock) {
            if (reading) {
                readAgain = true;
                return;
            }
            reading = true;
        }
        while (true) {
            boolean endOfInput = false;
            try {
                endOfInput = drain();
            } catch (IOException e) {
                synchronized (lock) {
                    reading = false;
                }
                failed(e);
                return;
            } catch (RuntimeException e) {
                synchronized (lock) {
                    reading = false;
                }
                failed(new IOException("Reading failed", e));
                return;
            }
            synchronized (lock) {
                if (!endOfInput && readAgain && !paused && !ended) {
                    readAgain = false;
                    continue;
                }
                readAgain = false;
                reading = false;
            }
            if (endOfInput) {
                onAllDataRead();
            }
            return;
        }
    }

    /** Returns true at the end of input. */
    private boolean drain() throws IOException {
        byte[] buffer = null;
        try {
            while (true) {
                synchronized (lock) {
                    if (paused || ended) {
                        return false;
                    }
                }
                if (!in.isReady()) {
                    return false;
                }
                if (buffer == null) {
                    buffer = runtime.borrowBuffer();
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                if (n > 0) {
                    connection.onBytesReceived(ByteBuffer.wrap(buffer, 0, n));
                }
            }
        } finally {
            if (buffer != null) {
                runtime.returnBuffer(buffer);
            }
        }
    }

    @Override
    public void onAllDataRead() {
        // The peer ended its side; a WebSocket connection without input is over (RFC 6455 §7.1.1).
        // (Jetty 12 also lands here at once, for good, when the handshake had no Content-Length:
        // it hands the upgraded stream the end of the request's empty body. No byte can be read
        // after it, so closing is all there is to do; docs/app-servers.md, "Jetty 12 ee10".)
        enterCallback();
        try {
            closeNow(null);
        } finally {
            exitCallback();
        }
    }

    @Override
    public void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        synchronized (lock) {
            if (!paused) {
                return;
            }
            paused = false;
        }
        // The container calls onDataAvailable only after isReady() said false; bytes may be
        // waiting that nobody will announce, so look now, off the calling thread.
        execute(this::readAvailable);
    }

    // ------------------------------------------------------------------ writing

    @Override
    public long write(ByteBuffer[] buffers, int offset, int length) throws IOException {
        synchronized (lock) {
            if (ended) {
                throw new IOException("The connection is closed");
            }
        }
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = buffers[i];
            while (b.hasRemaining()) {
                if (!out.isReady()) {
                    return total; // the container calls onWritePossible once it can take more
                }
                int n;
                if (b.hasArray()) {
                    n = b.remaining();
                    out.write(b.array(), b.arrayOffset() + b.position(), n);
                } else {
                    if (copyChunk == null) {
                        copyChunk = new byte[ServletRuntime.READ_CHUNK];
                    }
                    n = Math.min(b.remaining(), copyChunk.length);
                    b.get(b.position(), copyChunk, 0, n);
                    out.write(copyChunk, 0, n);
                }
                b.position(b.position() + n);
                total += n;
            }
        }
        if (out.isReady()) {
            out.flush();
        }
        return total;
    }

    @Override
    public void requestWritable() {
        boolean now;
        synchronized (lock) {
            now = writableSignalled;
            writableSignalled = false;
            writableRequested = !now;
        }
        if (now) {
            // onWritePossible came between the write that stopped and this request.
            execute(this::writable);
        }
    }

    @Override
    public void onWritePossible() {
        enterCallback();
        try {
            writePossible();
        } finally {
            exitCallback();
        }
    }

    private void writePossible() {
        boolean deliver;
        boolean finishClose;
        synchronized (lock) {
            deliver = writableRequested;
            writableRequested = false;
            writableSignalled = !deliver;
            finishClose = closing && !ended;
        }
        if (deliver) {
            writable();
        }
        if (finishClose && out.isReady()) {
            closeNow(null);
        }
    }

    private void writable() {
        WebSocketConnection c = connection;
        if (c != null) {
            c.onWritable();
        }
    }

    @Override
    public void onError(Throwable t) {
        enterCallback();
        try {
            failed(t instanceof IOException io ? io : new IOException(t));
        } finally {
            exitCallback();
        }
    }

    private void failed(IOException e) {
        LOG.log(Level.FINE, "WebSocket connection failed", e);
        closeNow(e);
    }

    // ------------------------------------------------------------------ ending

    /**
     * Ends the connection once the container has taken the bytes written so far (the last
     * close frame among them), or after a few seconds.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing || ended) {
                return;
            }
            closing = true;
        }
        boolean drained;
        try {
            drained = out.isReady();
            if (drained) {
                out.flush();
                drained = out.isReady();
            }
        } catch (IOException | RuntimeException e) {
            drained = true;
        }
        if (drained) {
            closeNow(null);
            return;
        }
        synchronized (lock) {
            if (!ended) {
                closeDeadline = runtime.timers().schedule(() -> closeNow(null), CLOSE_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Closes the web connection and reports the end to the connection, once. */
    void closeNow(IOException cause) {
        ScheduledFuture<?> deadline;
        boolean closeHere;
        boolean onContainerCallback;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            deadline = closeDeadline;
            closeDeadline = null;
            // On a container thread, or with none in a callback: close here. Otherwise the
            // thread in the callback closes as it returns (see the class comment).
            onContainerCallback = callbackThreads.contains(Thread.currentThread());
            closeHere = callbackThreads.isEmpty() || onContainerCallback;
            if (closeHere) {
                webConnectionClosed = true;
            } else {
                closeInCallback = true;
            }
            lock.notifyAll();
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (closeHere) {
            closeWebConnection();
            if (!onContainerCallback) {
                // No container thread is in a callback, so none will act on the close soon:
                // where the container needs it (Tomcat), end the socket now.
                UpgradedSocketCloser.closeSocket(in);
            }
        }
        WebSocketConnection c = connection;
        if (c != null) {
            c.onTransportClosed(cause);
        }
    }

    private void closeWebConnection() {
        try {
            webConnection.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing the upgraded connection", e);
        }
    }

    // ------------------------------------------------------------------ the rest

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            ScheduledFuture<?> f = runtime.timers().schedule(task, delay, unit);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // the application is stopping
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            runtime.pool().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
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
        return secure;
    }
}
