package dev.ondine.api.client;

import jakarta.websocket.CloseReason;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a connection attempt failed, or why an open connection ended: what a
 * {@link ReconnectPolicy} decides on.
 *
 * @param kind what happened
 * @param status the HTTP status the server answered a refused handshake with
 *        ({@link Kind#HANDSHAKE_REFUSED}; 0 when its response could not be read), else 0
 * @param retryAfter the wait that refusal's {@code Retry-After} field asked for (RFC 9110
 *        §10.2.3, as a 429 or a 503 may carry), else null
 * @param closeReason the close code and reason the endpoint was told ({@link Kind#CLOSED}),
 *        else null; {@code 1006} when the connection ended without a closing handshake
 * @param failure the exception of a failed attempt (the {@code IOException} or
 *        {@code DeploymentException} a connect throws), or null
 */
public record Disconnect(Kind kind, int status, Duration retryAfter, CloseReason closeReason, Throwable failure) {

    /** What happened. */
    public enum Kind {
        /** The server could not be reached: refused, unreachable, unknown host, timed out, TLS failed. */
        CONNECT_FAILED,
        /** The server answered the opening handshake with something other than a valid 101. */
        HANDSHAKE_REFUSED,
        /** The connection had opened and has ended. */
        CLOSED
    }

    public Disconnect {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.CLOSED) {
            Objects.requireNonNull(closeReason, "closeReason");
        }
    }

    /** The attempt could not reach the server. */
    public static Disconnect connectFailed(Throwable failure) {
        return new Disconnect(Kind.CONNECT_FAILED, 0, null, null, failure);
    }

    /** The server refused the handshake with {@code status} (0: no status could be read). */
    public static Disconnect handshakeRefused(int status, Throwable failure) {
        return handshakeRefused(status, null, failure);
    }

    /** The server refused the handshake with {@code status}, asking to wait {@code retryAfter} (or null). */
    public static Disconnect handshakeRefused(int status, Duration retryAfter, Throwable failure) {
        return new Disconnect(Kind.HANDSHAKE_REFUSED, status, retryAfter, null, failure);
    }

    /** The open connection ended with {@code reason}. */
    public static Disconnect closed(CloseReason reason) {
        return new Disconnect(Kind.CLOSED, 0, null, reason, null);
    }

    /** The close code ({@link Kind#CLOSED}), else -1. */
    public int closeCode() {
        return closeReason == null ? -1 : closeReason.getCloseCode().getCode();
    }

    /** The connection ended without a closing handshake (close code 1006, RFC 6455 §7.1.5). */
    public boolean isAbnormal() {
        return closeCode() == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONNECT_FAILED -> "could not connect" + (failure == null ? "" : ": " + failure.getMessage());
            case HANDSHAKE_REFUSED -> "handshake refused" + (status == 0 ? "" : " with HTTP status " + status)
                    + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s")
                    + (failure == null ? "" : ": " + failure.getMessage());
            case CLOSED -> "closed with " + closeCode()
                    + (closeReason.getReasonPhrase() == null || closeReason.getReasonPhrase().isEmpty() ? ""
                            : " (" + closeReason.getReasonPhrase() + ")");
        };
    }
}
