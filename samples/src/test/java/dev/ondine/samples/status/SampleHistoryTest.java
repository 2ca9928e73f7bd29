package dev.ondine.samples.status;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SampleHistoryTest {

    private static StatusSample at(long time) {
        return new StatusSample(time, 0, Map.of(), 0, 0, 0, 0, 0);
    }

    @Test
    void keepsTheLastSamplesOldestFirst() {
        SampleHistory history = new SampleHistory(3);
        assertEquals(List.of(), history.snapshot());
        for (long t = 1; t <= 10; t++) {
            history.add(at(t));
            assertEquals(Math.min(t, 3), history.snapshot().size());
        }
        assertEquals(List.of(at(8), at(9), at(10)), history.snapshot());
    }
}
