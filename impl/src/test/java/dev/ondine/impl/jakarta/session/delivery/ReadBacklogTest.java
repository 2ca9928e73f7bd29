package dev.ondine.impl.jakarta.session.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadBacklogTest {
    private final List<String> calls = new ArrayList<>();

    private ReadBacklog backlog(long limit) {
        return new ReadBacklog(limit, () -> {
            synchronized (calls) {
                calls.add("pause");
            }
            return true;
        }, () -> {
            synchronized (calls) {
                calls.add("resume");
            }
        });
    }

    @Test
    void pausesPastTheLimitAndResumesAtHalfOfIt() {
        ReadBacklog b = backlog(100);
        b.queued(60);
        b.queued(60);
        assertEquals(List.of("pause"), calls);
        b.queued(10);
        assertEquals(List.of("pause"), calls, "one pause while paused");
        b.released(60);
        assertTrue(b.paused(), "70 left: above half of the limit");
        b.released(60);
        assertEquals(List.of("pause", "resume"), calls);
        b.released(10);
        assertEquals(0, b.bytes());
    }

    @Test
    void withNoConnectionYetTheNextCountTriesAgain() {
        int[] attempts = {0};
        ReadBacklog b = new ReadBacklog(100, () -> ++attempts[0] > 1, () -> calls.add("resume"));
        b.queued(150);
        assertFalse(b.paused());
        b.queued(1);
        assertTrue(b.paused());
    }

    /**
     * A reading thread counts messages while an endpoint thread releases them: whatever the
     * interleaving, pause and resume alternate, and once everything is released reading is
     * not left paused.
     */
    @Test
    void concurrentCountsNeverLeaveReadingPausedWithNothingQueued() throws Exception {
        ReadBacklog b = backlog(8 << 20);
        BlockingQueue<Long> handedOver = new ArrayBlockingQueue<>(64);
        int messages = 20_000;
        Thread endpoint = new Thread(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    b.released(handedOver.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        endpoint.start();
        Random random = new Random(11);
        for (int i = 0; i < messages; i++) {
            long size = random.nextInt(4) == 0 ? (6 << 20) + random.nextInt(4 << 20) : random.nextInt(64 << 10);
            b.queued(size);
            handedOver.put(size);
        }
        endpoint.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(endpoint.isAlive());
        assertEquals(0, b.bytes());
        assertFalse(b.paused(), "reading is not left paused once the endpoint has taken everything");
        synchronized (calls) {
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i % 2 == 0 ? "pause" : "resume", calls.get(i), "pause and resume alternate");
            }
            assertEquals(0, calls.size() % 2);
            assertTrue(calls.size() > 2, "the limit was crossed: " + calls.size());
        }
    }
}
