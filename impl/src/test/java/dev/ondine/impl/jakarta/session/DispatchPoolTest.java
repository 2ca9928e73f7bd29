package dev.ondine.impl.jakarta.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchPoolTest {
    private static final ThreadFactory DAEMONS = r -> {
        Thread t = new Thread(r, "dispatch-pool-test");
        t.setDaemon(true);
        return t;
    };

    private DispatchPool pool = new DispatchPool(DAEMONS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsEveryTaskSubmittedFromSeveralThreads() throws Exception {
        int perThread = 5_000;
        CountDownLatch done = new CountDownLatch(4 * perThread);
        Thread[] submitters = new Thread[4];
        for (int i = 0; i < submitters.length; i++) {
            submitters[i] = new Thread(() -> {
                for (int j = 0; j < perThread; j++) {
                    pool.execute(done::countDown);
                }
            });
            submitters[i].start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
    }

    @Test
    void queuedTasksDoNotWaitBehindBlockedOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(3);
        CountDownLatch quick = new CountDownLatch(1);
        // A burst: three tasks that block, then one that does not, all queued at once.
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                blocked.countDown();
                awaitQuietly(release);
            });
        }
        pool.execute(quick::countDown);
        assertTrue(blocked.await(30, TimeUnit.SECONDS), "each blocking task got a thread of its own");
        assertTrue(quick.await(30, TimeUnit.SECONDS), "the quick task ran while three tasks blocked");
        release.countDown();
    }

    @Test
    void aTaskSubmittedWhileEveryThreadBlocksGetsANewThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        pool.execute(second::countDown);
        assertTrue(second.await(30, TimeUnit.SECONDS));
        assertEquals(2, pool.threadCount());
        release.countDown();
    }

    @Test
    void aFailingTaskDoesNotStopThePool() throws Exception {
        AtomicInteger reported = new AtomicInteger();
        CountDownLatch reportedOnce = new CountDownLatch(1);
        pool = new DispatchPool(r -> {
            Thread t = DAEMONS.newThread(r);
            t.setUncaughtExceptionHandler((th, e) -> {
                reported.incrementAndGet();
                reportedOnce.countDown();
            });
            return t;
        });
        pool.execute(() -> {
            throw new IllegalStateException("boom");
        });
        CountDownLatch after = new CountDownLatch(1);
        pool.execute(after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS));
        // The second task may run on another thread before the first one's failure is reported.
        assertTrue(reportedOnce.await(30, TimeUnit.SECONDS), "the failure reached the thread's handler");
        CountDownLatch again = new CountDownLatch(1);
        pool.execute(again::countDown);
        assertTrue(again.await(30, TimeUnit.SECONDS), "the pool still runs tasks");
        assertEquals(1, reported.get());
    }

    @Test
    void idleThreadsEndAfterTheKeepAliveTime() throws Exception {
        pool = new DispatchPool(DAEMONS, TimeUnit.MILLISECONDS.toNanos(20));
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertTrue(done.await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.threadCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, pool.threadCount());
        CountDownLatch again = new CountDownLatch(1);
        pool.execute(again::countDown);
        assertTrue(again.await(30, TimeUnit.SECONDS), "a new thread is started after the old ones ended");
    }

    @Test
    void shutdownRunsQueuedTasksThenRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(2);
        pool.execute(() -> {
            awaitQuietly(release);
            ran.countDown();
        });
        pool.execute(ran::countDown);
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
        release.countDown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertEquals(0, ran.getCount());
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndReturnsQueuedOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        pool.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        List<Runnable> left = pool.shutdownNow();
        assertTrue(left.isEmpty(), "nothing was queued");
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(interrupted.get());
        assertEquals(0, pool.threadCount());
    }

    @Test
    void terminatesAtOnceWhenShutDownUnused() throws Exception {
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
