package dev.ondine.impl.jakarta.session;

import dev.ondine.api.OnReadingThread;

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
 * is reported once, with the thread's stack as it is then. A look that comes much later than
 * planned (the whole JVM stood still: a GC pause, a suspended process) judges nothing that
 * round, so such pauses are not blamed on an endpoint. The watching thread starts with the
 * first slot and ends once every thread that had one has ended.
 */
final class ReadingThreadWatchdog {
    private static final Logger LOG = Logger.getLogger(ReadingThreadWatchdog.class.getName());
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
            s.since = now;
            s.reported = false;
            return;
        }
        if (late) {
            s.since = now; // the pause is not the callback's: its time starts again
            return;
        }
        long blocked = now - s.since;
        if (s.reported || blocked < thresholdNanos) {
            return;
        }
        s.reported = true;
        ReadingThreadExecutor executor = s.current;
        if (executor == null) {
            return;
        }
        try {
            executor.endpoint().stalled(s.thread, TimeUnit.NANOSECONDS.toMillis(blocked), s.thread.getStackTrace());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reporting a blocked reading thread failed", e);
        }
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
