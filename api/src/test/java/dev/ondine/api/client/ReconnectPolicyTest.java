package dev.ondine.api.client;

import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backoff arithmetic, the jitter's bounds, the caps and the decider's last word. */
class ReconnectPolicyTest {
    private static final Disconnect REFUSED = Disconnect.connectFailed(new IOException("Connection refused"));

    @Test
    void theBackoffDoublesFromTheInitialDelayUpToTheCap() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        assertEquals(Duration.ofMillis(500), p.backoff(1));
        assertEquals(Duration.ofMillis(1000), p.backoff(2));
        assertEquals(Duration.ofMillis(2000), p.backoff(3));
        assertEquals(Duration.ofMillis(16_000), p.backoff(6));
        assertEquals(Duration.ofSeconds(30), p.backoff(7), "capped");
        assertEquals(Duration.ofSeconds(30), p.backoff(1_000_000), "no overflow far past the cap");
        assertThrows(IllegalArgumentException.class, () -> p.backoff(0));
    }

    @Test
    void anotherMultiplierAndCap() {
        ReconnectPolicy p = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100)).multiplier(3)
                .maxDelay(Duration.ofMillis(1000)).build();
        assertEquals(Duration.ofMillis(100), p.backoff(1));
        assertEquals(Duration.ofMillis(300), p.backoff(2));
        assertEquals(Duration.ofMillis(900), p.backoff(3));
        assertEquals(Duration.ofMillis(1000), p.backoff(4));
        ReconnectPolicy constant = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(2)).multiplier(1).build();
        assertEquals(Duration.ofSeconds(2), constant.backoff(9));
    }

    @Test
    void jitterTakesAtMostItsShareAway() {
        ReconnectPolicy p = ReconnectPolicy.defaults(); // jitter 0.5
        assertEquals(Duration.ofMillis(2000), p.jittered(3, 0.0));
        assertEquals(Duration.ofMillis(1500), p.jittered(3, 0.5));
        Duration low = p.jittered(3, Math.nextDown(1.0));
        assertTrue(low.toMillis() >= 1000 && low.toMillis() <= 1001, low.toString());
        ReconnectPolicy full = ReconnectPolicy.builder().jitter(1).build();
        assertTrue(full.jittered(1, Math.nextDown(1.0)).toMillis() <= 1);
        ReconnectPolicy none = ReconnectPolicy.builder().jitter(0).build();
        assertEquals(Duration.ofMillis(500), none.jittered(1, 0.99));
        assertThrows(IllegalArgumentException.class, () -> p.jittered(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> p.jittered(1, -0.1));
    }

    @Test
    void jitteredDelaysSpreadOverTheirRange() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        java.util.Random random = new java.util.Random(16);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = p.jittered(4, random.nextDouble()).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(min >= 2000 && min < 2100, "lowest " + min);
        assertTrue(max <= 4000 && max > 3900, "highest " + max);
    }

    @Test
    void theAttemptCapEndsItWithoutAskingTheDecider() {
        List<Integer> asked = new ArrayList<>();
        ReconnectPolicy p = ReconnectPolicy.builder().maxAttempts(2).decider((why, attempt, backoff) -> {
            asked.add(attempt);
            return Optional.of(backoff);
        }).build();
        assertTrue(p.next(REFUSED, 1, () -> 0).isPresent());
        assertTrue(p.next(REFUSED, 2, () -> 0).isPresent());
        assertEquals(Optional.empty(), p.next(REFUSED, 3, () -> 0));
        assertEquals(List.of(1, 2), asked);
    }

    @Test
    void theDeciderGetsTheJitteredBackoffAndHasTheLastWord() {
        List<Duration> proposed = new ArrayList<>();
        ReconnectPolicy p = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(1)).decider((why, attempt, backoff) -> {
            proposed.add(backoff);
            return why.status() == 503 ? Optional.of(Duration.ofMinutes(2)) : Optional.of(Duration.ofSeconds(-5));
        }).build();
        assertEquals(Optional.of(Duration.ofMinutes(2)),
                p.next(Disconnect.handshakeRefused(503, null), 1, () -> 0.5), "past the cap: the decider's choice");
        assertEquals(Optional.of(Duration.ZERO), p.next(REFUSED, 1, () -> 0), "a negative delay is none");
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofSeconds(1)), proposed);
        ReconnectPolicy nulls = ReconnectPolicy.builder().decider((why, attempt, backoff) -> null).build();
        assertEquals(Optional.empty(), nulls.next(REFUSED, 1, () -> 0), "null is taken as stop");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().initialDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder()
                .initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(1)).build());
        assertThrows(NullPointerException.class, () -> ReconnectPolicy.builder().decider(null));
    }

    @Test
    void disconnectsDescribeThemselves() {
        Disconnect abnormal = Disconnect.closed(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "gone"));
        assertTrue(abnormal.isAbnormal());
        assertEquals(1006, abnormal.closeCode());
        assertEquals("closed with 1006 (gone)", abnormal.toString());
        assertEquals(-1, REFUSED.closeCode());
        assertEquals("handshake refused with HTTP status 403", Disconnect.handshakeRefused(403, null).toString());
        assertEquals("handshake refused with HTTP status 429, retry after 30 s",
                Disconnect.handshakeRefused(429, Duration.ofSeconds(30), null).toString());
        assertThrows(NullPointerException.class, () -> new Disconnect(Disconnect.Kind.CLOSED, 0, null, null, null));
    }
}
