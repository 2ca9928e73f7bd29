package dev.ondine.impl.transport.nio;

import dev.ondine.impl.core.Transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread: it waits for readiness of the channels registered with it, runs the
 * tasks other threads hand it, and fires its timers. Everything a channel does on this
 * loop (reads, handshake parsing, frame parsing) runs on this one thread, so per-connection
 * state needs no lock on the read side.
 *
 * <p>The loop owns one direct read buffer shared by all its connections: a connection
 * consumes every byte it is given before the next read, so an idle connection holds no
 * read buffer of its own.
 */
final class SelectorLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(SelectorLoop.class.getName());
    /** Bytes read from a socket at a time. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    /** Cancelled timers still in {@link #timers}; purged in bulk when they are many. */
    private final AtomicInteger cancelledTimers = new AtomicInteger();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private ByteBuffer tlsAppBuffer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    SelectorLoop(String name, boolean daemon) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a selector", e);
        }
        this.thread = new Thread(this, name);
        this.thread.setDaemon(daemon);
        // Not the creating thread's: a loop shared by a server's applications (Ondine installed
        // in the server, the client's shared loop) must not keep the first caller's loader alive.
        this.thread.setContextClassLoader(SelectorLoop.class.getClassLoader());
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's shared read buffer; only for use on the loop thread. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /**
     * The loop's shared buffer for plaintext unwrapped from TLS records, cleared, with room for
     * at least {@code minCapacity} bytes; created on first use. Only for use on the loop
     * thread: like the read buffer, its bytes are consumed before the next read.
     */
    ByteBuffer tlsAppBuffer(int minCapacity) {
        ByteBuffer b = tlsAppBuffer;
        if (b == null || b.capacity() < minCapacity) {
            b = ByteBuffer.allocate(Math.max(minCapacity, 17 * 1024));
            tlsAppBuffer = b;
        }
        b.clear();
        return b;
    }

    /** Replaces the shared plaintext buffer with a bigger one (after a BUFFER_OVERFLOW). */
    void growTlsAppBuffer(int minCapacity) {
        ByteBuffer old = tlsAppBuffer;
        tlsAppBuffer = ByteBuffer.allocate(Math.max(minCapacity, old == null ? 0 : old.capacity() * 2));
    }

    /** Runs {@code task} on the loop thread: now if already there, else soon. */
    void execute(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /** Queues {@code task} for the loop thread, even when called from it. */
    void submit(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    void wakeup() {
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on the loop thread after {@code delay}. */
    Transport.Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Timer timer = new Timer(System.nanoTime() + unit.toNanos(delay), timerSequence.incrementAndGet(), task);
        execute(() -> timers.add(timer));
        return timer;
    }

    /** Asks the loop to end; returns at once. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void run() {
        try {
            while (running) {
                long timeoutMillis = runTimers();
                int ready;
                if (!tasks.isEmpty()) {
                    ready = selector.selectNow();
                } else {
                    ready = timeoutMillis < 0 ? selector.select() : selector.select(Math.max(1, timeoutMillis));
                }
                wakeupPending.set(false);
                if (ready > 0) {
                    processKeys();
                }
                runTasks();
            }
        } catch (ClosedSelectorException e) {
            // shutting down
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Selector loop " + thread.getName() + " failed", e);
        } finally {
            closeAll();
            stopped.countDown();
        }
    }

    private void processKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Object attachment = key.attachment();
            try {
                if (attachment instanceof Selectable selectable) {
                    selectable.onReady(key);
                }
            } catch (CancelledKeyException e) {
                // the channel was closed meanwhile
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Unexpected failure handling a channel", e);
                if (attachment instanceof Selectable selectable) {
                    selectable.onFailure(e);
                }
            }
        }
    }

    private void runTasks() {
        // Bounded: tasks added while running wait for the next turn, so I/O is not starved.
        int n = tasks.size();
        for (int i = 0; i < n; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            runSafely(task);
        }
    }

    /** Fires due timers; returns milliseconds until the next one, or -1 if none. */
    private long runTimers() {
        int cancelled = cancelledTimers.get();
        if (cancelled > 1024 && cancelled > timers.size() / 2) {
            // Idle and handshake timers are mostly cancelled long before they are due: drop
            // them in one pass rather than letting them pile up until their deadline.
            timers.removeIf(t -> t.cancelled);
            cancelledTimers.addAndGet(-cancelled);
        }
        long now = System.nanoTime();
        while (!timers.isEmpty()) {
            Timer next = timers.peek();
            if (next.cancelled) {
                timers.poll();
                cancelledTimers.decrementAndGet();
                continue;
            }
            long wait = next.deadline - now;
            if (wait > 0) {
                return TimeUnit.NANOSECONDS.toMillis(wait) + 1;
            }
            timers.poll();
            runSafely(next.task);
        }
        return -1;
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A selector task failed", e);
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            Object attachment = key.attachment();
            if (attachment instanceof Selectable selectable) {
                selectable.onLoopStopped();
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** What a selection key is attached to. */
    interface Selectable {
        void onReady(SelectionKey key);

        void onFailure(RuntimeException e);

        void onLoopStopped();
    }

    private final class Timer implements Comparable<Timer>, Transport.Cancellable {
        final long deadline;
        final long sequence;
        final Runnable task;
        volatile boolean cancelled;

        Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                cancelledTimers.incrementAndGet();
            }
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
