package dev.ondine.impl.jakarta.session;

import dev.ondine.api.OnReadingThread;
import dev.ondine.impl.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watchdog of callbacks on the reading thread: it notices one that blocks, names it, counts it. */
class ReadingThreadWatchdogTest {

    @OnReadingThread
    static final class Sleepy {
    }

    /** An endpoint at {@code path} whose stalls {@code counted} counts, watched by a watchdog of {@code thresholdMillis}. */
    private static ReadingThreadEndpoint endpoint(String path, AtomicInteger counted, long thresholdMillis) {
        return new ReadingThreadEndpoint(Sleepy.class, path, counted::incrementAndGet,
                new ReadingThreadWatchdog(thresholdMillis));
    }

    private static void onThread(String name, Runnable r) throws InterruptedException {
        Thread t = new Thread(r, name);
        t.start();
        t.join(10_000);
        assertFalse(t.isAlive());
    }

    @Test
    void aCallbackThatSleepsIsReportedOnceWithTheEndpointsNameAndWhereItWas() throws Exception {
        AtomicInteger counted = new AtomicInteger();
        ReadingThreadEndpoint endpoint = endpoint("/sleepy", counted, 50);
        ReadingThreadExecutor executor = new ReadingThreadExecutor(Runnable::run, endpoint);
        try (LogCapture log = LogCapture.quiet(ReadingThreadEndpoint.class)) {
            onThread("reading-1", () -> executor.execute(() -> sleep(400)));

            assertEquals(1, counted.get(), "one stall, one count");
            assertEquals(1, endpoint.stalls());
            assertTrue(endpoint.demoted());
            List<LogRecord> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), LogCapture.describe(warnings));
            String message = warnings.get(0).getMessage();
            assertTrue(message.contains(Sleepy.class.getName() + " at /sleepy"), message);
            assertTrue(message.contains("reading-1"), message);
            boolean sleeping = false;
            for (StackTraceElement e : warnings.get(0).getThrown().getStackTrace()) {
                sleeping |= e.getMethodName().equals("sleep");
            }
            assertTrue(sleeping, "the trace shows where the thread was");
        }
    }

    @Test
    void stallsWithinAMinuteAreCountedButLoggedOnce() {
        AtomicInteger counted = new AtomicInteger();
        ReadingThreadEndpoint endpoint = endpoint("/twice", counted, 50);
        try (LogCapture log = LogCapture.quiet(ReadingThreadEndpoint.class)) {
            for (int i = 0; i < 3; i++) {
                endpoint.stalled(Thread.currentThread(), 120, new StackTraceElement[0]);
            }
            assertEquals(3, counted.get());
            assertEquals(3, endpoint.stalls());
            assertEquals(1, log.atLeast(Level.WARNING).size(), "one line a minute per endpoint");
        }
    }

    @Test
    void aThreadThatOnlyWaitedForACpuIsNotBlamed() {
        long wall = TimeUnit.MILLISECONDS.toNanos(200);
        StackTraceElement java = new StackTraceElement("com.example.Handler", "onMessage", "Handler.java", 12);
        StackTraceElement nativeRead = new StackTraceElement("sun.nio.ch.SocketDispatcher", "read0", null, -2);
        StackTraceElement[] inJava = {java};
        // Waiting for something: a sleep, a lock, a future.
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.TIMED_WAITING, 0, wall, inJava));
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.BLOCKED, 0, wall, inJava));
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.WAITING, 0, wall, inJava));
        // Running: computing on the reading thread.
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.RUNNABLE, wall / 2, wall, inJava));
        // In a system call (a database driver's socket read), or CPU time unknown.
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.RUNNABLE, 0, wall, new StackTraceElement[] {nativeRead, java}));
        assertTrue(ReadingThreadWatchdog.heldByCallback(Thread.State.RUNNABLE, -1, wall, inJava));
        // Runnable in Java code, hardly run: preempted on an overloaded host.
        assertFalse(ReadingThreadWatchdog.heldByCallback(Thread.State.RUNNABLE, wall / 10, wall, inJava));
    }

    @Test
    void callbacksGetTheApplicationsContextLoaderAsOnThePool() throws Exception {
        ClassLoader application = new java.net.URLClassLoader(new java.net.URL[0], null);
        java.util.concurrent.ExecutorService pool = DispatchExecutors.create("test-app", application);
        try {
            ReadingThreadExecutor executor = new ReadingThreadExecutor(pool,
                    endpoint("/loader", new AtomicInteger(), 10_000));
            List<ClassLoader> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            ClassLoader own = new java.net.URLClassLoader(new java.net.URL[0], null);
            onThread("reading-5", () -> {
                Thread.currentThread().setContextClassLoader(own);
                executor.execute(() -> seen.add(Thread.currentThread().getContextClassLoader()));
                seen.add(Thread.currentThread().getContextClassLoader());
            });
            assertEquals(List.of(application, own), seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shortCallbacksAreNeverReportedHoweverMany() throws Exception {
        AtomicInteger counted = new AtomicInteger();
        ReadingThreadEndpoint endpoint = endpoint("/busy", counted, 50);
        ReadingThreadExecutor executor = new ReadingThreadExecutor(Runnable::run, endpoint);
        onThread("reading-2", () -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < end) {
                executor.execute(() -> sleep(1)); // each call short, the thread busy throughout
            }
        });
        assertEquals(0, counted.get());
        assertFalse(endpoint.demoted());
    }

    @Test
    void theWatchingThreadEndsWithTheThreadsItWatches() throws Exception {
        ReadingThreadEndpoint endpoint = endpoint("/x", new AtomicInteger(), 20);
        ReadingThreadWatchdog watchdog = endpoint.watchdog();
        ReadingThreadExecutor executor = new ReadingThreadExecutor(Runnable::run, endpoint);
        onThread("reading-3", () -> executor.execute(() -> { }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchdog.watchedThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, watchdog.watchedThreads());
    }

    @Test
    void aCallbackInsideAnotherCountsAsTheSameStretchOfWork() throws Exception {
        AtomicInteger counted = new AtomicInteger();
        ReadingThreadEndpoint endpoint = endpoint("/nested", counted, 50);
        ReadingThreadExecutor outer = new ReadingThreadExecutor(Runnable::run, endpoint);
        ReadingThreadExecutor inner = new ReadingThreadExecutor(Runnable::run, endpoint);
        List<Boolean> inside = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.quiet(ReadingThreadEndpoint.class)) {
            onThread("reading-4", () -> {
                outer.execute(() -> {
                    inside.add(ReadingThreadExecutor.callbackRunningHere());
                    inner.execute(() -> sleep(300));
                    inside.add(ReadingThreadExecutor.callbackRunningHere()); // still inside the outer one
                });
                inside.add(ReadingThreadExecutor.callbackRunningHere());
            });
        }
        assertEquals(List.of(true, true, false), inside);
        assertEquals(1, counted.get());
        assertFalse(ReadingThreadExecutor.callbackRunningHere());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
