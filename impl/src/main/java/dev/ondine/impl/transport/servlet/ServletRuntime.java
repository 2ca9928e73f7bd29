package dev.ondine.impl.transport.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.jakarta.session.DispatchExecutors;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the connections of one web application share on a servlet container: the limits,
 * the pool that runs endpoint code (with the application's class loader as context class
 * loader), one timer thread for idle, close and send timeouts, and a few read buffers (a
 * connection borrows one only while it reads, so an idle connection holds none).
 * {@link #shutdown} stops the threads when the application stops.
 */
public final class ServletRuntime {
    /** Bytes read from a {@code ServletInputStream} in one call. */
    static final int READ_CHUNK = 16 * 1024;
    private static final int MAX_POOLED_BUFFERS = 64;

    private final Limits limits;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final ConcurrentLinkedQueue<byte[]> buffers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    public ServletRuntime(String name, Limits limits, ClassLoader applicationLoader) {
        this.limits = limits;
        this.pool = DispatchExecutors.create("ondine-" + name, applicationLoader);
        AtomicInteger n = new AtomicInteger();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ondine-timer-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(applicationLoader);
            return t;
        });
    }

    public Limits limits() {
        return limits;
    }

    /** The pool that runs endpoint code. */
    public ExecutorService pool() {
        return pool;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    byte[] borrowBuffer() {
        byte[] b = buffers.poll();
        if (b != null) {
            pooled.decrementAndGet();
            return b;
        }
        return new byte[READ_CHUNK];
    }

    void returnBuffer(byte[] b) {
        if (pooled.incrementAndGet() <= MAX_POOLED_BUFFERS) {
            buffers.offer(b);
        } else {
            pooled.decrementAndGet();
        }
    }

    /** Stops the timer thread and the pool (its tasks get {@code timeoutMillis} to finish). */
    public void shutdown(long timeoutMillis) {
        timers.shutdownNow();
        DispatchExecutors.shutdown(pool, timeoutMillis);
        buffers.clear();
    }
}
