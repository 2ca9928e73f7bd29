package dev.ondine.impl.jakarta.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters keyed by an HTTP status or a close code, created on the first count of each key. */
final class CodeCounts {
    private final ConcurrentHashMap<Integer, LongAdder> counts = new ConcurrentHashMap<>();

    void increment(int code) {
        LongAdder c = counts.get(code);
        if (c == null) {
            c = counts.computeIfAbsent(code, k -> new LongAdder());
        }
        c.increment();
    }

    /** A snapshot, by ascending key. */
    Map<Integer, Long> snapshot() {
        Map<Integer, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
