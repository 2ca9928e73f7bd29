package dev.ondine.impl.jakarta.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = new DispatchPool(r -> {
        Thread t = new Thread(r, "serial-executor-test");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void keepsTheOrderOfTasks() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            serial.execute(() -> seen.add(n));
        }
        serial.execute(done::countDown);
        assertTrue(done.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void executeHereIfIdleRunsOnTheCallingThreadWhenNothingIsQueued() {
        SerialExecutor serial = new SerialExecutor(pool);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        serial.executeHereIfIdle(() -> ranOn.set(Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void executeHereIfIdleWaitsForARunningTaskAndKeepsTheOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        serial.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("first");
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        serial.executeHereIfIdle(() -> {
            seen.add("second");
            ranOn.set(Thread.currentThread());
            done.countDown();
        });
        assertTrue(seen.isEmpty(), "queued behind the running task, not run by the caller");
        release.countDown();
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), seen);
        assertTrue(ranOn.get() != Thread.currentThread());
    }

    @Test
    void tasksQueuedDuringAnInlineTaskRunAfterIt() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        serial.executeHereIfIdle(() -> {
            serial.execute(() -> {
                seen.add("queued");
                done.countDown();
            });
            seen.add("inline");
        });
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("inline", "queued"), seen);
    }
}
