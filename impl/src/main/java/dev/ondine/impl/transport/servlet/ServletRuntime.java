package dev.ondine.impl.transport.servlet;

import dev.ondine.api.Limits;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the connections of one web application share on a servlet container: the limits,
 * the pool that runs endpoint code (made and stopped by the servlet bootstrap, with the
 * application's class loader as context class loader), one timer thread for idle, close and
 * send timeouts, and a few read buffers (a connection borrows one only while it reads, so an
 * idle connection holds none). {@link #shutdown} stops the timer thread when the application
 * stops; the pool is its maker's to stop.
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

    /**
     * @param name the application's name in thread names
     * @param pool runs endpoint code and the connections' hand-offs ({@code Transport.execute})
     * @param applicationLoader the timer thread's context class loader
     */
    public ServletRuntime(String name, Limits limits, ExecutorService pool, ClassLoader applicationLoader) {
        this.limits = limits;
        this.pool = pool;
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

    /** Stops the timer thread and lets the read buffers go (the pool is not stopped here). */
    public void shutdown() {
        timers.shutdownNow();
        buffers.clear();
    }
}
