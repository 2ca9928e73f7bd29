package dev.ondine.impl.jakarta.session;

import java.util.concurrent.Executor;

/**
 * What a session's {@link SerialExecutor} runs on when its endpoint opted in to the reading
 * thread ({@link dev.ondine.api.OnReadingThread}): the thread that hands it work (the reading
 * thread, for what the connection reports) runs it at once, watched by the
 * {@link ReadingThreadWatchdog}; once the endpoint has been caught blocking, or the session
 * reads a message through a stream, the work goes to the pool instead. The serial executor
 * above keeps the order and the one-at-a-time rule either way. Where the pool runs its tasks
 * with an application's context class loader (a WAR, an Arquillian archive), the callbacks
 * run here with it too.
 */
final class ReadingThreadExecutor implements Executor {
    /** Set once a session in this JVM runs on the reading thread: until then no send looks further. */
    private static volatile boolean used;
    /** How many callbacks run on the reading thread on this thread now (nested: a batch, a session closing another). */
    private static final ThreadLocal<int[]> INSIDE = ThreadLocal.withInitial(() -> new int[1]);

    private final Executor pool;
    /** Whether the pool gives its tasks an application's context class loader, which the callbacks then get here too. */
    private final boolean setsLoader;
    private final ClassLoader loader;
    private final ReadingThreadEndpoint endpoint;
    /** This session runs on the pool from now on (a stream handler). */
    private volatile boolean pooled;

    ReadingThreadExecutor(Executor pool, ReadingThreadEndpoint endpoint) {
        this.pool = pool;
        this.setsLoader = pool instanceof ContextLoaderExecutor;
        this.loader = setsLoader ? ((ContextLoaderExecutor) pool).loader() : null;
        this.endpoint = endpoint;
        used = true;
    }

    /**
     * Whether the calling thread is running a callback on the reading thread, of any session:
     * a send made there, to any session, must not wait for a socket, since this thread may be
     * the one that serves it.
     */
    static boolean callbackRunningHere() {
        return used && INSIDE.get()[0] > 0;
    }

    @Override
    public void execute(Runnable work) {
        if (pooled || endpoint.demoted()) {
            pool.execute(work);
            return;
        }
        ReadingThreadWatchdog.Slot slot = endpoint.watchdog().slot();
        int[] inside = INSIDE.get();
        Thread thread = Thread.currentThread();
        ClassLoader before = setsLoader ? thread.getContextClassLoader() : null;
        if (setsLoader) {
            thread.setContextClassLoader(loader); // as on the pool: an application's endpoint finds its resources
        }
        ReadingThreadExecutor outer = slot.enter(this);
        inside[0]++;
        try {
            work.run();
        } finally {
            inside[0]--;
            slot.exit(outer);
            if (setsLoader) {
                thread.setContextClassLoader(before);
            }
        }
    }

    /** From now on this session's callbacks run on the pool. */
    void moveToPool() {
        pooled = true;
    }

    /** Whether the session's callbacks still run where they are handed over. */
    boolean onReadingThread() {
        return !pooled && !endpoint.demoted();
    }

    ReadingThreadEndpoint endpoint() {
        return endpoint;
    }
}
