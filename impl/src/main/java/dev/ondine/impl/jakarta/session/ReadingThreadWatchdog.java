package dev.ondine.impl.jakarta.session;

import dev.ondine.api.OnReadingThread;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices a reading thread stuck in an endpoint's callback ({@link OnReadingThread}) and
 * reports it to the endpoint. It can report, not un-block.
 *
 * <p>Each thread that runs such callbacks has a {@link Slot} with a counter that it bumps
 * when a callback begins and when it ends (odd: inside one): two plain increments of a
 * volatile field per hand-over, no clock read. One daemon thread looks at every slot each
 * quarter of the threshold; a slot found inside the same callback for the threshold or more
 * is reported once, with the thread's stack as it is then, unless it was only waiting for a
 * CPU ({@link #heldByCallback}). A look that comes much later than planned (the whole JVM
 * stood still: a GC pause, a suspended process) judges nothing that round, so such pauses are
 * not blamed on an endpoint either. The watching thread starts with the
 * first slot and ends once every thread that had one has ended.
 */
final class ReadingThreadWatchdog {
    private static final Logger LOG = Logger.getLogger(ReadingThreadWatchdog.class.getName());
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile ReadingThreadWatchdog shared;

    private final long thresholdNanos;
    private final long periodNanos;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
    private Thread watcher; // guarded by "this"

    ReadingThreadWatchdog(long thresholdMillis) {
        if (thresholdMillis <= 0) {
            throw new IllegalArgumentException(OnReadingThread.BLOCKED_MILLIS_PROPERTY + " must be positive: "
                    + thresholdMillis);
        }
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), thresholdNanos / 4);
    }

    /** The JVM's watchdog, with the threshold of {@link OnReadingThread#BLOCKED_MILLIS_PROPERTY}. */
    static ReadingThreadWatchdog shared() {
        ReadingThreadWatchdog w = shared;
        if (w == null) {
            synchronized (ReadingThreadWatchdog.class) {
                w = shared;
                if (w == null) {
                    w = new ReadingThreadWatchdog(thresholdFromSystemProperty());
                    shared = w;
                }
            }
        }
        return w;
    }

    private static long thresholdFromSystemProperty() {
        String value = System.getProperty(OnReadingThread.BLOCKED_MILLIS_PROPERTY);
        if (value == null || value.isBlank()) {
            return OnReadingThread.DEFAULT_BLOCKED_MILLIS;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis > 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // below
        }
        LOG.warning(OnReadingThread.BLOCKED_MILLIS_PROPERTY + " must be a positive number of milliseconds, not \""
                + value + "\"; using " + OnReadingThread.DEFAULT_BLOCKED_MILLIS);
        return OnReadingThread.DEFAULT_BLOCKED_MILLIS;
    }

    long thresholdMillis() {
        return TimeUnit.NANOSECONDS.toMillis(thresholdNanos);
    }

    /** This thread's slot (made, and watched, the first time). */
    Slot slot() {
        return mine.get();
    }

    private Slot register() {
        Slot s = new Slot(Thread.currentThread());
        slots.add(s);
        synchronized (this) {
            if (watcher == null) {
                watcher = new Thread(this::watch, "ondine-reading-thread-watchdog");
                watcher.setDaemon(true);
                watcher.setContextClassLoader(null); // keeps no application's loader
                watcher.start();
            }
        }
        return s;
    }

    private void watch() {
        long last = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(periodNanos);
            long now = System.nanoTime();
            // Woken far later than asked: the JVM stood still (GC, suspension); judge nothing now.
            boolean late = now - last > periodNanos + thresholdNanos / 2;
            last = now;
            for (Slot s : slots) {
                if (!s.thread.isAlive()) {
                    slots.remove(s);
                } else {
                    look(s, now, late);
                }
            }
            synchronized (this) {
                if (slots.isEmpty()) {
                    watcher = null;
                    return;
                }
            }
        }
    }

    /** One look at one slot; on the watching thread. */
    private void look(Slot s, long now, boolean late) {
        long calls = s.calls;
        if ((calls & 1) == 0) {
            s.seen = -1;
            return;
        }
        if (calls != s.seen) {
            s.seen = calls;
            restartClock(s, now);
            s.reported = false;
            return;
        }
        if (late) {
            restartClock(s, now); // the pause is not the callback's: its time starts again
            return;
        }
        long blocked = now - s.since;
        if (s.reported || blocked < thresholdNanos) {
            return;
        }
        Thread.State state = s.thread.getState();
        StackTraceElement[] stack = s.thread.getStackTrace();
        long cpu = cpuTime(s.thread);
        if (!heldByCallback(state, cpu < 0 || s.cpuSince < 0 ? -1 : cpu - s.cpuSince, blocked, stack)) {
            restartClock(s, now); // it was waiting for a CPU: the host's doing, not the endpoint's
            return;
        }
        s.reported = true;
        ReadingThreadExecutor executor = s.current;
        if (executor == null) {
            return;
        }
        try {
            executor.endpoint().stalled(s.thread, TimeUnit.NANOSECONDS.toMillis(blocked), stack);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reporting a blocked reading thread failed", e);
        }
    }

    private void restartClock(Slot s, long now) {
        s.since = now;
        s.cpuSince = cpuTime(s.thread);
    }

    /** The CPU time {@code thread} has used, in nanoseconds, or -1 where the JVM does not measure it. */
    private static long cpuTime(Thread thread) {
        try {
            return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.getId()) : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /**
     * Whether a thread found inside one callback for {@code wallNanos} was held there by the
     * callback, rather than waiting for a CPU on an overloaded host: it is waiting (a sleep, a
     * lock, a {@code Future}, a condition: any state but RUNNABLE), or it used a quarter of that
     * time or more on a CPU (computing there), or it is in a native method (a system call: a
     * socket read of a database driver); {@code cpuNanos} is -1 where unknown, which blames.
     * A RUNNABLE thread in Java code that has hardly run was preempted, not blocked.
     */
    static boolean heldByCallback(Thread.State state, long cpuNanos, long wallNanos, StackTraceElement[] stack) {
        if (state != Thread.State.RUNNABLE || cpuNanos < 0 || cpuNanos * 4 >= wallNanos) {
            return true;
        }
        return stack.length > 0 && stack[0].isNativeMethod();
    }

    /** Slots watched now; for tests. */
    int watchedThreads() {
        return slots.size();
    }

    /** What the watchdog knows of one thread that runs callbacks. */
    static final class Slot {
        final Thread thread;
        /** Odd while a callback runs; written by the thread, read by the watcher. */
        private volatile long calls;
        /** The innermost callback's executor (set before the write of {@link #calls} that publishes it). */
        private volatile ReadingThreadExecutor current;
        private int depth; // the owning thread's only
        // The watcher's only.
        private long seen = -1;
        private long since;
        private long cpuSince;
        private boolean reported;

        Slot(Thread thread) {
            this.thread = thread;
        }

        /** A callback of {@code executor}'s session begins on this thread; returns the one it runs inside, or null. */
        ReadingThreadExecutor enter(ReadingThreadExecutor executor) {
            ReadingThreadExecutor outer = current;
            current = executor;
            if (depth++ == 0) {
                calls++;
            }
            return outer;
        }

        /** The callback begun by the matching {@link #enter} has returned; {@code outer} is what it returned. */
        void exit(ReadingThreadExecutor outer) {
            if (--depth == 0) {
                calls++;
            }
            current = outer;
        }
    }
}
