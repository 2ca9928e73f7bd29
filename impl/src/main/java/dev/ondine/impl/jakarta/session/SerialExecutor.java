package dev.ondine.impl.jakarta.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one session's callbacks in order, one at a time, on threads of a shared pool
 * (Jakarta WebSocket 2.2 §5.1: calls for one endpoint instance never overlap). A task that
 * blocks holds up only its own session. Tasks queued while the executor is running are run
 * by the same pool thread, in batches of {@value #BATCH}, then the executor yields the
 * thread so that one busy session cannot monopolise it. The client's reconnecting
 * connections run their steps on one too ({@code jakarta.client.Reconnector}).
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    private static final int BATCH = 64;

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2);
    private final Corking corking;
    private boolean running;

    /** Told, before each task, whether more tasks are waiting behind it. */
    interface Corking {
        void moreWaiting(boolean more);
    }

    public SerialExecutor(Executor pool) {
        this(pool, null);
    }

    SerialExecutor(Executor pool, Corking corking) {
        this.pool = pool;
        this.corking = corking;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    /**
     * Runs {@code task} on the calling thread when nothing of this session is queued or
     * running, else queues it as {@link #execute} does. Only for tasks that run no
     * application code and never block (the caller may be a selector thread): it saves
     * the pool hand-off, and the order with the session's other tasks is kept.
     */
    void executeHereIfIdle(Runnable task) {
        synchronized (this) {
            if (running) {
                tasks.addLast(task);
                return;
            }
            running = true; // tasks queued meanwhile wait, and are scheduled below
        }
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "A session task failed outside of any endpoint error handling", t);
        }
        synchronized (this) {
            if (tasks.isEmpty()) {
                running = false;
                return;
            }
        }
        schedule();
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The pool is shutting down: run what is left here rather than lose it.
            drain();
        }
    }

    private void drain() {
        boolean corked = false;
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            boolean more;
            synchronized (this) {
                task = tasks.pollFirst();
                if (task == null) {
                    running = false;
                    return;
                }
                more = !tasks.isEmpty() && i < BATCH - 1;
            }
            if (corking != null && more != corked) {
                corked = more;
                corking.moreWaiting(more);
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "A session task failed outside of any endpoint error handling", t);
            }
        }
        if (corked) {
            corking.moreWaiting(false);
        }
        schedule();
    }
}
