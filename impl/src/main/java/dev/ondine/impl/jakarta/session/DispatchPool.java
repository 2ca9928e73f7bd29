package dev.ondine.impl.jakarta.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The platform-thread pool that runs endpoint code where the JVM has no virtual threads:
 * one shared queue, threads started on demand without an upper bound (as a cached pool),
 * idle ones ending after {@value #KEEP_ALIVE_SECONDS} s.
 *
 * <p>Why not {@code Executors.newCachedThreadPool}: its {@code SynchronousQueue} gives every
 * task to a thread of its own, so the n messages a selector thread reads in one turn wake n
 * parked threads, n futex calls and about 2n context switches on a busy core. Here a woken
 * thread runs every task it finds queued, one after the other.
 *
 * <p>What is kept: <b>a queued task never waits behind a task that blocks.</b> A thread that
 * takes a task while more are queued first wakes (or starts) one more thread, unless one is
 * already on its way ("searching": woken or started, not yet at the queue). So while tasks
 * are queued there is always a thread that has not started any of them and will take
 * them; a blocked task holds only its own thread, as in a cached pool. When tasks arrive in
 * a burst, that costs two wake-ups per burst instead of one per task.
 */
public final class DispatchPool extends AbstractExecutorService {
    static final int KEEP_ALIVE_SECONDS = 60;

    private final ThreadFactory factory;
    private final long keepAliveNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    // Everything below is guarded by the lock.
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Parked threads, the most recently parked first (its caches are the warmest). */
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private final Set<Worker> workers = new HashSet<>();
    /** Threads woken or started that have not yet looked at the queue. */
    private int searching;
    private volatile boolean shutdown;

    public DispatchPool(ThreadFactory factory) {
        this(factory, TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS));
    }

    DispatchPool(ThreadFactory factory, long keepAliveNanos) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.keepAliveNanos = keepAliveNanos;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        Worker wake;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("The pool is shut down");
            }
            queue.addLast(task);
            if (searching > 0) {
                return; // a thread on its way to the queue takes it
            }
            wake = wakeOneLocked();
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            LockSupport.unpark(wake.thread);
        }
    }

    /** Marks one thread as searching: a parked one (returned, to unpark after unlocking), or a new one (started). */
    private Worker wakeOneLocked() {
        searching++;
        Worker w = idle.pollFirst();
        if (w != null) {
            w.woken = true;
            return w;
        }
        w = new Worker();
        workers.add(w);
        try {
            w.thread.start();
        } catch (Throwable t) {
            workers.remove(w);
            searching--;
            throw t;
        }
        return null;
    }

    private void work(Worker w) {
        boolean isSearching = true; // started as a searching thread
        for (;;) {
            Runnable task;
            Worker wake = null;
            lock.lock();
            try {
                if (isSearching) {
                    searching--;
                    isSearching = false;
                }
                task = queue.pollFirst();
                if (task == null) {
                    if (shutdown) {
                        return;
                    }
                    w.woken = false;
                    idle.addFirst(w);
                } else if (!queue.isEmpty() && searching == 0) {
                    wake = wakeOneLocked();
                }
            } finally {
                lock.unlock();
            }
            if (task != null) {
                if (wake != null) {
                    LockSupport.unpark(wake.thread);
                }
                if (!shutdown) {
                    Thread.interrupted(); // a previous task's interrupt is not this one's
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    Thread th = Thread.currentThread();
                    th.getUncaughtExceptionHandler().uncaughtException(th, t);
                }
                continue;
            }
            if (!awaitWake(w)) {
                return;
            }
            isSearching = true;
        }
    }

    /** Parks until woken (true) or until the keep-alive time has passed idle (false: the thread ends). */
    private boolean awaitWake(Worker w) {
        long deadline = System.nanoTime() + keepAliveNanos;
        while (!w.woken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        lock.lock();
        try {
            if (w.woken) {
                return true;
            }
            idle.remove(w);
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void exited(Worker w) {
        lock.lock();
        try {
            workers.remove(w);
            if (shutdown && workers.isEmpty()) {
                terminated.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown() {
        List<Worker> wake = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            Worker w;
            while ((w = idle.pollFirst()) != null) {
                w.woken = true;
                searching++;
                wake.add(w);
            }
            if (workers.isEmpty()) {
                terminated.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Worker w : wake) {
            LockSupport.unpark(w.thread);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> left;
        List<Thread> running = new ArrayList<>();
        shutdown();
        lock.lock();
        try {
            left = new ArrayList<>(queue);
            queue.clear();
            for (Worker w : workers) {
                running.add(w.thread);
            }
        } finally {
            lock.unlock();
        }
        for (Thread t : running) {
            t.interrupt();
        }
        return left;
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && workers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!(shutdown && workers.isEmpty())) {
                if (left <= 0) {
                    return false;
                }
                left = terminated.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Threads alive now (for tests). */
    int threadCount() {
        lock.lock();
        try {
            return workers.size();
        } finally {
            lock.unlock();
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        /** Set under the lock by whoever takes this worker out of {@link #idle}. */
        volatile boolean woken;

        Worker() {
            this.thread = factory.newThread(this);
        }

        @Override
        public void run() {
            try {
                work(this);
            } finally {
                exited(this);
            }
        }
    }
}
