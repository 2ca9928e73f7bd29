package dev.ondine.impl.jakarta.session;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Counts events by a key (a close code, a group's name) and logs them as one {@code INFO} line
 * at most once per interval, so that a peer that repeats a fault cannot fill the log:
 * {@code "Connections failed by peers' protocol errors at /chat: 137 in the last 60 s (1002 x102, 1007 x17, 1009 x18)"}.
 *
 * <p>An event arriving when the last line is at least an interval old (or there was none)
 * logs at once, with every event counted since; the others are only counted and go into the
 * next line. There is no timer: what is counted after the last line is logged by the next
 * event past the interval, or by {@link #flush} (the container's undeployment).
 *
 * <p>Thread-safe; the log call happens outside the lock.
 *
 * @param <K> the key, in the order the line lists them
 */
public final class RateLimitedSummary<K extends Comparable<? super K>> {
    /** One line per minute at most. */
    public static final long DEFAULT_INTERVAL_MILLIS = 60_000;

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final TreeMap<K, Long> counts = new TreeMap<>();
    private long pending;
    private long pendingSince;
    private long lastLine;
    private boolean logged;

    /**
     * @param log            where the line goes, at {@code INFO}
     * @param what           the events, with what names the server or application
     *                       (such as {@code "Connections failed by peers' protocol errors at /chat"})
     * @param intervalMillis at most one line per this many milliseconds
     * @param nanoClock      the time, as {@link System#nanoTime} (a test's own clock)
     */
    public RateLimitedSummary(Logger log, String what, long intervalMillis, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** A summary on the system clock with the default interval. */
    public RateLimitedSummary(Logger log, String what) {
        this(log, what, DEFAULT_INTERVAL_MILLIS, System::nanoTime);
    }

    /** Counts one event of {@code key}; logs the line if the last one is an interval old. */
    public void record(K key) {
        record(key, 1);
    }

    /** Counts {@code events} events of {@code key} at once; logs the line if the last one is an interval old. */
    public void record(K key, long events) {
        String line;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (pending == 0) {
                pendingSince = now;
            }
            pending += events;
            counts.merge(key, events, Long::sum);
            if (logged && now - lastLine < intervalNanos) {
                return;
            }
            line = takeLine(now);
        }
        log.info(line);
    }

    /** Logs what was counted since the last line, if anything. */
    public void flush() {
        String line;
        synchronized (this) {
            if (pending == 0) {
                return;
            }
            line = takeLine(nanoClock.getAsLong());
        }
        log.info(line);
    }

    /** The events counted since the last line, by key (for tests and a status page). */
    public synchronized Map<K, Long> pending() {
        return new TreeMap<>(counts);
    }

    private String takeLine(long now) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(now - pendingSince + 999_999_999L));
        StringJoiner byKey = new StringJoiner(", ");
        counts.forEach((key, n) -> byKey.add(key + " x" + n));
        String line = what + ": " + pending + " in the last " + seconds + " s (" + byKey + ")";
        counts.clear();
        pending = 0;
        lastLine = now;
        logged = true;
        return line;
    }
}
