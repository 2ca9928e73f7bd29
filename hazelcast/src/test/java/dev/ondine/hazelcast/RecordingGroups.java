package dev.ondine.hazelcast;

import dev.ondine.api.broadcast.GroupMessage;
import dev.ondine.api.broadcast.LocalGroups;
import dev.ondine.api.broadcast.Published;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** A node's groups as a relay test sees them: what was delivered, what was reported lost. */
final class RecordingGroups implements LocalGroups {
    private final List<String> delivered = new ArrayList<>();
    private final AtomicLong lost = new AtomicLong();
    volatile CountDownLatch hold;

    @Override
    public Published deliver(String group, GroupMessage message) {
        CountDownLatch h = hold;
        if (h != null) {
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (delivered) {
            delivered.add(group + ":" + (message.text() ? "" : "bin:") + new String(message.payload(), StandardCharsets.UTF_8));
        }
        return new Published(1, 0);
    }

    @Override
    public void lost(String group, long count) {
        lost.addAndGet(count);
    }

    List<String> delivered() {
        synchronized (delivered) {
            return new ArrayList<>(delivered);
        }
    }

    long lost() {
        return lost.get();
    }

    /** Waits up to {@code seconds} for {@code condition}; false if it did not come. */
    static boolean await(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
