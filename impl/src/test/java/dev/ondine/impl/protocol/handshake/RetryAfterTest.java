package dev.ondine.impl.protocol.handshake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    private static Duration of(String value) {
        HttpHeaders h = new HttpHeaders();
        if (value != null) {
            h.add("Retry-After", value);
        }
        return RetryAfter.of(h, NOW);
    }

    @Test
    void delaySeconds() {
        assertEquals(Duration.ofSeconds(120), of("120"));
        assertEquals(Duration.ZERO, of("0"));
        assertEquals(Duration.ofSeconds(5), of(" 5 "));
        assertEquals(Duration.ofSeconds(999_999_999_999L), of("99999999999999999999999"), "too large: a very long wait");
    }

    @Test
    void anHttpDate() {
        assertEquals(Duration.ofSeconds(90), of("Tue, 08 Dec 2026 00:01:30 GMT"));
        assertEquals(Duration.ZERO, of("Mon, 07 Dec 2026 23:00:00 GMT"), "in the past: no wait");
    }

    @Test
    void nothingValidIsNone() {
        assertNull(of(null));
        assertNull(of(""));
        assertNull(of("-5"));
        assertNull(of("soon"));
        assertNull(of("1.5"));
    }
}
