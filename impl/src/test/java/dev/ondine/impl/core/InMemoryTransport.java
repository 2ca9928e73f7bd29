package dev.ondine.impl.core;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A transport made of memory for core tests: it keeps what the connection writes, takes
 * at most {@link #capacity} bytes until {@link #drain()} (to play a peer that does not read),
 * and runs scheduled tasks only when the test advances its clock.
 */
public final class InMemoryTransport implements Transport {
    public final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** Bytes the "socket" still takes before it is full; Long.MAX_VALUE for never full. */
    public volatile long capacity = Long.MAX_VALUE;
    /** Calls of {@link #write}. */
    public int writes;
    boolean writableRequested;
    public volatile boolean paused;
    int pauseCount;
    int resumeCount;
    boolean closed;
    /** Run at the start of each pauseReading(), before the pause takes effect (to interleave a thread). */
    Runnable beforePause = () -> { };
    public WebSocketConnection connection;
    private long nowMillis;
    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized long write(ByteBuffer[] buffers, int offset, int length) {
        writes++;
        long total = 0;
        for (int i = offset; i < offset + length && capacity > 0; i++) {
            ByteBuffer b = buffers[i];
            int n = (int) Math.min(b.remaining(), capacity);
            byte[] bytes = new byte[n];
            b.get(bytes);
            written.write(bytes, 0, n);
            capacity -= n;
            total += n;
        }
        return total;
    }

    @Override
    public synchronized void requestWritable() {
        writableRequested = true;
    }

    @Override
    public void pauseReading() {
        beforePause.run();
        paused = true;
        pauseCount++;
    }

    @Override
    public void resumeReading() {
        paused = false;
        resumeCount++;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (connection != null) {
                connection.onTransportClosed(null);
            }
        }
    }

    /** The peer starts reading again: the socket takes {@code bytes} more. */
    void drain(long bytes) {
        synchronized (this) {
            capacity = bytes;
            if (!writableRequested) {
                return;
            }
            writableRequested = false;
        }
        connection.onWritable();
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Task t = new Task(nowMillis + unit.toMillis(delay), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves the clock and runs what has come due. */
    public void advance(long millis) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            nowMillis += millis;
            for (Iterator<Task> it = tasks.iterator(); it.hasNext(); ) {
                Task t = it.next();
                if (t.cancelled) {
                    it.remove();
                } else if (t.deadline <= nowMillis) {
                    it.remove();
                    due.add(t.task);
                }
            }
        }
        due.forEach(Runnable::run);
    }

    synchronized int pendingTimers() {
        int n = 0;
        for (Task t : tasks) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized long nanoTime() {
        return nowMillis * 1_000_000L;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    public synchronized byte[] takeWritten() {
        byte[] bytes = written.toByteArray();
        written.reset();
        return bytes;
    }

    private static final class Task {
        final long deadline;
        final Runnable task;
        volatile boolean cancelled;

        Task(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }
    }
}
