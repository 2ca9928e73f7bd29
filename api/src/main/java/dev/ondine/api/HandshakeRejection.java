package dev.ondine.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a configurator's {@code modifyHandshake} (or {@code getEndpointInstance}) to
 * refuse a WebSocket handshake with an HTTP status of its choice: 401 with a
 * {@code WWW-Authenticate} header for a missing or bad token, 403 for a forbidden user, 429
 * with {@code Retry-After} for a client over its rate. Ondine answers the handshake with
 * that status, those headers and the message as a short plain-text body, and opens no
 * session.
 *
 * <pre>{@code
 * public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
 *     if (!tokens.isValid(request.getParameterMap().get("token"))) {
 *         throw new HandshakeRejection(401, "A valid token is required")
 *                 .withHeader("WWW-Authenticate", "Bearer");
 *     }
 * }
 * }</pre>
 */
public class HandshakeRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** @param status an HTTP client or server error status, 400 to 599 */
    public HandshakeRejection(int status, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A rejection needs an error status (400-599), not " + status);
        }
        this.status = status;
    }

    /** Adds a response header (for example {@code WWW-Authenticate} or {@code Retry-After}). */
    public HandshakeRejection withHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
