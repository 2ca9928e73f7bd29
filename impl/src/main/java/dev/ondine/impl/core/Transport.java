package dev.ondine.impl.core;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link WebSocketConnection} needs from the thing that moves its bytes: a socket
 * driven by a selector, a servlet {@code WebConnection}, or an in-memory pipe in tests. A
 * transport never parses frames; it hands every byte it reads to
 * {@link WebSocketConnection#onBytesReceived(ByteBuffer)} and reports writability and its
 * own end.
 *
 * <p>The connection never calls {@link #write} from two threads at once (it holds its
 * write lock), but the calls may come from any thread, not only the transport's own.
 */
public interface Transport {

    /**
     * Writes as many bytes of {@code buffers[offset..offset+length)} as the transport takes
     * right now, without blocking, and returns how many it took (possibly 0). Buffer
     * positions advance by what was written.
     */
    long write(ByteBuffer[] buffers, int offset, int length) throws IOException;

    /**
     * Asks for one call of {@link WebSocketConnection#onWritable()} when the transport can
     * take more bytes after a {@link #write} that did not take everything.
     */
    void requestWritable();

    /**
     * Stops delivering received bytes until {@link #resumeReading()} (backpressure). Called
     * with the connection's lock held, so that pauses and resumes arrive in the order they
     * were decided: it must only record the state or post a task, never call the connection.
     */
    void pauseReading();

    /** Resumes delivering received bytes after {@link #pauseReading()}; same rule as the pause. */
    void resumeReading();

    /**
     * Ends the underlying connection. Bytes already handed to {@link #write} have been
     * written or are abandoned; the transport then calls
     * {@link WebSocketConnection#onTransportClosed(IOException)} once.
     */
    void close();

    /**
     * Ends the connection after a complete closing handshake (RFC 6455 §7.1.1): the peer's
     * close frame has been read and ours written, so no more bytes are expected and the
     * transport may end at once rather than linger for the peer's own end. By default the
     * same as {@link #close()}.
     */
    default void closeAfterClosingHandshake() {
        close();
    }

    /** Runs {@code task} once after {@code delay}, on a thread of the transport's choosing. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** The clock that {@link #schedule} runs on, in nanoseconds (idle time is measured with it). */
    default long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Runs {@code task} soon on the transport's own I/O thread for this connection, after
     * the current call returns (never inline, even when called from that thread).
     */
    void execute(Runnable task);

    SocketAddress remoteAddress();

    SocketAddress localAddress();

    /** Whether the bytes travel over TLS. */
    boolean isSecure();

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
