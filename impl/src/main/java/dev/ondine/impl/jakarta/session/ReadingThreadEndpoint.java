package dev.ondine.impl.jakarta.session;

import dev.ondine.api.OnReadingThread;
import jakarta.websocket.EndpointConfig;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One endpoint that runs its callbacks on the reading thread ({@link OnReadingThread}),
 * shared by all its sessions: whether it still does (an endpoint caught blocking its
 * reading thread runs on the pool for the rest of the run), how often it was caught, and the
 * rate-limited warning that names it.
 */
public final class ReadingThreadEndpoint {
    private static final Logger LOG = Logger.getLogger(ReadingThreadEndpoint.class.getName());
    /** At most one warning per endpoint in this time; the stalls in between are counted in the next one. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String name;
    private final boolean annotated;
    private final Runnable countStall;
    private final ReadingThreadWatchdog watchdog;
    private volatile boolean demoted;
    // Guarded by "this".
    private long stalls;
    private long lastLogNanos;
    private boolean logged;
    private long unlogged;

    ReadingThreadEndpoint(Class<?> endpointClass, String where, Runnable countStall, ReadingThreadWatchdog watchdog) {
        this.name = endpointClass.getName() + " at " + where;
        this.annotated = endpointClass.isAnnotationPresent(OnReadingThread.class);
        this.countStall = countStall;
        this.watchdog = watchdog;
    }

    /**
     * The endpoint of {@code endpointClass} (the annotated class, or the {@code Endpoint}
     * subclass) reached at {@code where} (a path template, a server URI); {@code countStall}
     * is told of each stall (the endpoint's metrics).
     */
    public static ReadingThreadEndpoint of(Class<?> endpointClass, String where, Runnable countStall) {
        return new ReadingThreadEndpoint(endpointClass, where, countStall, ReadingThreadWatchdog.shared());
    }

    /**
     * This endpoint for a session configured by {@code config}, or null when that session
     * runs on the pool: the user property {@link OnReadingThread#PROPERTY} if set, else the
     * annotation, decides.
     *
     * @throws IllegalArgumentException when the property is neither true nor false
     */
    public ReadingThreadEndpoint forSession(EndpointConfig config) {
        return requested(config.getUserProperties()) ? this : null;
    }

    /** Whether the annotation or the property (which wins) asks for the reading thread. */
    boolean requested(Map<String, Object> userProperties) {
        Object value = userProperties == null ? null : userProperties.get(OnReadingThread.PROPERTY);
        if (value == null) {
            return annotated;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new IllegalArgumentException(OnReadingThread.PROPERTY + " must be true or false, not \"" + value + "\"");
    }

    /** The endpoint's name in logs: its class and where it is reached. */
    public String name() {
        return name;
    }

    /** Whether it was caught blocking: its callbacks run on the pool from then on. */
    boolean demoted() {
        return demoted;
    }

    ReadingThreadWatchdog watchdog() {
        return watchdog;
    }

    /** Times a callback of this endpoint was caught blocking its reading thread. */
    public synchronized long stalls() {
        return stalls;
    }

    /**
     * The watchdog found a callback of this endpoint running on {@code thread} for
     * {@code millis} ms, now at {@code where}: counted, logged (at most once a minute), and
     * the endpoint moves to the pool.
     */
    void stalled(Thread thread, long millis, StackTraceElement[] where) {
        demoted = true;
        countStall.run();
        long before;
        synchronized (this) {
            stalls++;
            long now = System.nanoTime();
            if (logged && now - lastLogNanos < LOG_INTERVAL_NANOS) {
                unlogged++;
                return;
            }
            logged = true;
            lastLogNanos = now;
            before = unlogged;
            unlogged = 0;
        }
        Throwable at = new Throwable("where " + thread.getName() + " was when the watchdog looked");
        at.setStackTrace(where);
        LOG.log(Level.WARNING, "Endpoint " + name + " blocked its reading thread " + thread.getName()
                + " for " + millis + " ms" + (before > 0 ? " (and " + before + " more times since the last report)" : "")
                + ": the other connections of that thread waited. A callback on the reading thread ("
                + OnReadingThread.class.getSimpleName() + ") must not block; this endpoint's callbacks run on the"
                + " pool for the rest of the run.", at);
    }

    @Override
    public String toString() {
        return "ReadingThreadEndpoint[" + name + (demoted ? ", demoted" : "") + "]";
    }
}
