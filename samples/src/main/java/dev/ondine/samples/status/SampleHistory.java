package dev.ondine.samples.status;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} samples, oldest first: a bounded ring, the oldest dropped when full. */
final class SampleHistory {
    private final int capacity;
    private final ArrayDeque<StatusSample> samples;

    SampleHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    synchronized void add(StatusSample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** A copy, oldest first. */
    synchronized List<StatusSample> snapshot() {
        return List.copyOf(samples);
    }

    int capacity() {
        return capacity;
    }
}
