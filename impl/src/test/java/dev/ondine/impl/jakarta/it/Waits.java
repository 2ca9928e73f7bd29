package dev.ondine.impl.jakarta.it;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Bounded waits: every wait of these tests ends after {@link #SECONDS} at the latest. */
final class Waits {
    static final long SECONDS = 5;

    private Waits() {
    }

    /** The next element, failing the test when none comes in time. */
    static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T value = queue.poll(SECONDS, TimeUnit.SECONDS);
            assertNotNull(value, "no " + what + " within " + SECONDS + " s");
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(SECONDS, TimeUnit.SECONDS), what + " did not happen within " + SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls a condition that no event announces (a server-side registry), bounded. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + SECONDS + " s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
