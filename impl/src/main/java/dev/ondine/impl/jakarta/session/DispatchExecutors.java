package dev.ondine.impl.jakarta.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that runs endpoint code: one virtual thread per task where the JVM has them
 * (Java 21 and later), else a {@link DispatchPool} of daemon platform threads (as many as
 * tasks block at once, a burst of tasks run one after the other by one woken thread). Either way, user code
 * that blocks (a blocking send to a slow peer, a database call) never runs on a selector
 * thread, so it cannot stall other sessions' I/O.
 */
public final class DispatchExecutors {
    private DispatchExecutors() {
    }

    /** A new pool for one container. */
    public static ExecutorService create(String name) {
        ExecutorService virtual = virtualThreadPerTask();
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new DispatchPool(factory);
    }

    /**
     * A new pool for one application: every task runs with {@code contextLoader} as the
     * thread's context class loader (the previous one is put back after the task), so that
     * endpoint code finds its application's resources and no pool thread keeps the loader
     * once the pool is shut down.
     */
    public static ExecutorService create(String name, ClassLoader contextLoader) {
        return new ContextLoaderExecutor(create(name), contextLoader);
    }

    /** Shuts {@code pool} down: its tasks have up to {@code timeoutMillis} to finish, then they are interrupted. */
    public static void shutdown(ExecutorService pool, long timeoutMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} when this JVM has it (found without linking to it). */
    private static ExecutorService virtualThreadPerTask() {
        try {
            MethodHandle h = MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) h.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20
        } catch (Throwable t) {
            return null;
        }
    }
}
