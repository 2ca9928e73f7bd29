package dev.ondine.api.client;

import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the default decider retries: failures that may pass; not those that would happen again. */
class ReconnectDeciderTest {

    private static Disconnect closed(int code) {
        return Disconnect.closed(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), ""));
    }

    @Test
    void connectFailuresAreRetried() {
        assertTrue(ReconnectDecider.isTransient(Disconnect.connectFailed(new IOException("Connection refused"))));
    }

    @Test
    void refusedHandshakesAreRetriedOnlyWhenTheServerMayChangeItsMind() {
        for (int status : new int[] {0, 408, 429, 500, 502, 503, 504}) {
            assertTrue(ReconnectDecider.isTransient(Disconnect.handshakeRefused(status, null)), "status " + status);
        }
        for (int status : new int[] {101, 301, 400, 401, 403, 404, 426}) {
            assertFalse(ReconnectDecider.isTransient(Disconnect.handshakeRefused(status, null)), "status " + status);
        }
    }

    @Test
    void closeCodes() {
        for (int code : new int[] {1001, 1006, 1011, 1012, 1013, 1014}) {
            assertTrue(ReconnectDecider.isTransient(closed(code)), "code " + code);
        }
        for (int code : new int[] {1000, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 4000, 4999}) {
            assertFalse(ReconnectDecider.isTransient(closed(code)), "code " + code);
        }
    }

    @Test
    void transientWaitsAsLongAsRetryAfterAsksWhenThatIsLonger() {
        Duration backoff = Duration.ofSeconds(2);
        assertEquals(Optional.of(Duration.ofSeconds(120)), ReconnectDecider.TRANSIENT.decide(
                Disconnect.handshakeRefused(503, Duration.ofSeconds(120), null), 1, backoff));
        assertEquals(Optional.of(backoff), ReconnectDecider.TRANSIENT.decide(
                Disconnect.handshakeRefused(429, Duration.ofSeconds(1), null), 1, backoff));
        assertEquals(Optional.empty(), ReconnectDecider.TRANSIENT.decide(
                Disconnect.handshakeRefused(403, Duration.ofSeconds(1), null), 1, backoff), "not worth retrying");
    }

    @Test
    void transientProposesTheBackoffAndAlwaysRetriesEvenANormalClose() {
        Duration backoff = Duration.ofMillis(700);
        assertEquals(Optional.of(backoff), ReconnectDecider.TRANSIENT.decide(closed(1006), 1, backoff));
        assertEquals(Optional.empty(), ReconnectDecider.TRANSIENT.decide(closed(1000), 1, backoff));
        assertEquals(Optional.of(backoff), ReconnectDecider.ALWAYS.decide(closed(1000), 5, backoff));
    }
}
