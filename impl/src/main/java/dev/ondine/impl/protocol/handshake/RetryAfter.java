package dev.ondine.impl.protocol.handshake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} field of an HTTP response (RFC 9110 §10.2.3): how long the client
 * should wait before trying again, as delay-seconds or as an HTTP-date (IMF-fixdate, the RFC
 * 1123 form; the obsolete forms are not read).
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The wait {@code headers} ask for, or null when there is no valid {@code Retry-After}; a
     * date in the past is no wait.
     */
    public static Duration of(HttpHeaders headers, Instant now) {
        String v = headers.first("Retry-After");
        if (v == null) {
            return null;
        }
        v = v.strip();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // delay-seconds = 1*DIGIT; a number too large for a long is a very long wait.
            return v.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
