package dev.ondine.hazelcast;

import com.hazelcast.topic.ITopic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One group's publishes on their way to its reliable topic, in the order they were made: at most
 * one {@code publishAllAsync} in flight, carrying everything queued meanwhile (up to
 * {@value #BATCH}, and never more than the ring buffer's capacity: Hazelcast's default overload
 * policy would wait forever for room for a larger batch). Two publishes in flight at once could be stored out of order when Hazelcast
 * retries one (its partition's owner died, and the backup took over). The queue is bounded:
 * past {@code limit} frames waiting (the cluster does not take them), a publish is dropped and
 * counted as failed. Nothing here waits.
 */
final class PublishQueue {
    static final int BATCH = 256;

    private final ITopic<byte[]> topic;
    private final int limit;
    private final int batchSize;
    private final BiConsumer<Integer, Throwable> failed;
    private final ConcurrentLinkedQueue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean inFlight = new AtomicBoolean();

    /** {@code capacity}: the ring buffer's; {@code failed}: how many frames did not reach the topic, and why. */
    PublishQueue(ITopic<byte[]> topic, int capacity, int limit, BiConsumer<Integer, Throwable> failed) {
        this.topic = topic;
        this.batchSize = Math.max(1, Math.min(BATCH, capacity));
        this.limit = limit;
        this.failed = failed;
    }

    void publish(byte[] frame) {
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            failed.accept(1, new IllegalStateException(limit + " publishes already wait for the cluster"));
            return;
        }
        waiting.add(frame);
        sendNext();
    }

    /** Sends what waits unless a send is in flight; its completion sends the rest. */
    private void sendNext() {
        while (inFlight.compareAndSet(false, true)) {
            List<byte[]> batch = new ArrayList<>();
            for (byte[] f; batch.size() < batchSize && (f = waiting.poll()) != null; ) {
                batch.add(f);
            }
            if (batch.isEmpty()) {
                inFlight.set(false);
                if (waiting.isEmpty()) {
                    return;
                }
                continue; // a publish came between the poll and the reset
            }
            size.addAndGet(-batch.size());
            try {
                topic.publishAllAsync(batch).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        failed.accept(batch.size(), failure);
                    }
                    inFlight.set(false);
                    sendNext();
                });
            } catch (RuntimeException e) {
                failed.accept(batch.size(), e);
                inFlight.set(false);
            }
            return;
        }
    }
}
