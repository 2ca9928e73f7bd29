package dev.ondine.api.client;

import jakarta.websocket.CloseReason.CloseCodes;

import java.time.Duration;
import java.util.Optional;

/**
 * The hook of a {@link ReconnectPolicy} that decides, for each failed attempt and each ended
 * connection, whether to try again and after how long. It runs on one of Ondine's pool
 * threads (never an I/O thread), one call at a time per {@link Reconnecting}.
 *
 * <pre>{@code
 * ReconnectDecider decider = (why, attempt, backoff) -> why.closeCode() == 4001
 *         ? Optional.empty()                              // our server's "go away": stop
 *         : ReconnectDecider.TRANSIENT.decide(why, attempt, backoff);
 * }</pre>
 */
@FunctionalInterface
public interface ReconnectDecider {

    /**
     * @param disconnect what happened
     * @param attempt the number of the attempt this decision is about: 1 for the first try
     *        after a connection ended (or after the very first connect failed), 2 if that one
     *        failed too, and so on; it starts at 1 again once a connection has opened
     * @param backoff the delay the policy's backoff proposes for it, jitter included
     * @return the delay before that attempt ({@code backoff}, or another one such as a
     *         server's {@code Retry-After}), or empty to stop reconnecting
     */
    Optional<Duration> decide(Disconnect disconnect, int attempt, Duration backoff);

    /**
     * Tries again after failures that may pass, and stops after those that would happen again:
     * <ul>
     *   <li>a connect that failed (refused, unreachable, timed out): again;</li>
     *   <li>a handshake refused with 408, 429 or 5xx, or whose response could not be read:
     *       again, after the backoff or the response's {@code Retry-After}, whichever is longer;
     *       any other status (401, 403, 404, a 3xx redirect, a 101 that is not a valid
     *       WebSocket answer): stop;</li>
     *   <li>a connection that ended with 1006 (no closing handshake: the network or the server
     *       went away), 1001 (going away: a server restarting), 1011 (server error), 1012
     *       (service restart), 1013 (try again later) or 1014 (bad gateway): again; with 1000
     *       (a normal end), a protocol or policy error (1002, 1003, 1007, 1008, 1009, 1010) or
     *       an application's own code (4000-4999): stop.</li>
     * </ul>
     */
    ReconnectDecider TRANSIENT = (disconnect, attempt, backoff) -> {
        if (!isTransient(disconnect)) {
            return Optional.empty();
        }
        Duration asked = disconnect.retryAfter();
        return Optional.of(asked != null && asked.compareTo(backoff) > 0 ? asked : backoff);
    };

    /** Tries again after anything, a normal close included, after the proposed backoff. */
    ReconnectDecider ALWAYS = (disconnect, attempt, backoff) -> Optional.of(backoff);

    /** Whether {@link #TRANSIENT} tries again after {@code disconnect}. */
    static boolean isTransient(Disconnect disconnect) {
        return switch (disconnect.kind()) {
            case CONNECT_FAILED -> true;
            case HANDSHAKE_REFUSED -> {
                int s = disconnect.status();
                yield s == 0 || s == 408 || s == 429 || (s >= 500 && s <= 599);
            }
            case CLOSED -> {
                int code = disconnect.closeCode();
                yield code == CloseCodes.CLOSED_ABNORMALLY.getCode()
                        || code == CloseCodes.GOING_AWAY.getCode()
                        || code == CloseCodes.UNEXPECTED_CONDITION.getCode()
                        || code == CloseCodes.SERVICE_RESTART.getCode()
                        || code == CloseCodes.TRY_AGAIN_LATER.getCode()
                        || code == 1014; // Bad Gateway (IANA WebSocket Close Code Number Registry)
            }
        };
    }
}
