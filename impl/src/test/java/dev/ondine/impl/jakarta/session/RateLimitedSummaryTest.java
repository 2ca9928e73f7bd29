package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitedSummaryTest {
    private final Logger log = Logger.getLogger(RateLimitedSummaryTest.class.getName());
    private LogCapture capture;
    private List<LogRecord> lines;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitedSummary<Integer> summary = new RateLimitedSummary<>(log, "Failures at /app", 60_000, now::get);

    @BeforeEach
    void capture() {
        capture = LogCapture.quiet(RateLimitedSummaryTest.class);
        lines = capture.records();
    }

    @AfterEach
    void release() {
        capture.close();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void theFirstEventIsLoggedAtOnceAtInfo() {
        summary.record(1002);
        assertEquals(1, lines.size());
        assertEquals(Level.INFO, lines.get(0).getLevel());
        assertEquals("Failures at /app: 1 in the last 1 s (1002 x1)", lines.get(0).getMessage());
        assertEquals(null, lines.get(0).getThrown());
    }

    @Test
    void eventsWithinTheIntervalAreCountedForTheNextLine() {
        summary.record(1002);
        for (int i = 0; i < 1000; i++) {
            advanceSeconds(i % 20 == 0 ? 1 : 0);
            summary.record(i % 3 == 0 ? 1007 : 1002);
        }
        summary.record(1009);
        assertEquals(1, lines.size(), "one line in the first minute, whatever the rate");
        assertEquals(Map.of(1002, 666L, 1007, 334L, 1009, 1L), summary.pending());

        advanceSeconds(10); // 60 s after the first line
        summary.record(1009);
        assertEquals(2, lines.size());
        // the span runs from the first event counted since the last line, one second after it
        assertEquals("Failures at /app: 1002 in the last 59 s (1002 x666, 1007 x334, 1009 x2)", lines.get(1).getMessage());
        assertTrue(summary.pending().isEmpty());

        advanceSeconds(59);
        summary.record(1002);
        assertEquals(2, lines.size(), "the next line waits a full interval after the last one");
        advanceSeconds(1);
        summary.record(1002);
        assertEquals("Failures at /app: 2 in the last 1 s (1002 x2)", lines.get(2).getMessage());
    }

    @Test
    void flushLogsWhatIsPendingAndNothingElse() {
        summary.flush();
        assertTrue(lines.isEmpty(), "nothing counted, nothing logged");
        summary.record(1002);
        advanceSeconds(5);
        summary.record(1007);
        advanceSeconds(3);
        summary.record(1007);
        summary.flush();
        assertEquals(2, lines.size());
        assertEquals("Failures at /app: 2 in the last 3 s (1007 x2)", lines.get(1).getMessage());
        summary.flush();
        assertEquals(2, lines.size());
    }

    @Test
    void aQuietSpellLetsTheNextEventThroughAtOnce() {
        summary.record(1002);
        advanceSeconds(3600);
        summary.record(1009);
        assertEquals(2, lines.size());
        assertEquals("Failures at /app: 1 in the last 1 s (1009 x1)", lines.get(1).getMessage());
    }

    @Test
    void concurrentEventsAreAllCounted() throws InterruptedException {
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    summary.record(1002);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        summary.flush();
        assertEquals(2, lines.size());
        assertEquals("Failures at /app: 79999 in the last 1 s (1002 x79999)", lines.get(1).getMessage());
    }
}
