package dev.ondine.impl.protocol.handshake;

/**
 * The opening handshake failed (RFC 6455 §4).
 *
 * <p>On the server side {@link #status()} is the HTTP status to answer with (400, 403, 405,
 * 426, 431, ...) and {@link #headers()} the extra fields that answer needs, such as
 * {@code Sec-WebSocket-Version: 13} with 426 (§4.4); {@link ServerHandshake#reject} writes
 * that response. On the client side {@link #status()} is the status the server sent, or
 * {@link #NO_STATUS} when its response could not be read, and {@link #headers()} the fields of
 * a response that was not a 101.
 */
public class HandshakeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** No HTTP status: a client-side failure before a status line was understood. */
    public static final int NO_STATUS = 0;

    private final int status;
    private final transient HttpHeaders headers;

    public HandshakeException(int status, String message) {
        this(status, message, new HttpHeaders());
    }

    public HandshakeException(int status, String message, HttpHeaders headers) {
        super(message, null, false, false);
        if (status != NO_STATUS && (status < 100 || status > 999)) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
        this.headers = headers == null ? new HttpHeaders() : headers;
    }

    /** A client-side failure with no HTTP status to report. */
    public static HandshakeException withoutStatus(String message) {
        return new HandshakeException(NO_STATUS, message);
    }

    /** The HTTP status to answer with (server) or received (client); {@link #NO_STATUS} if none. */
    public int status() {
        return status;
    }

    public boolean hasStatus() {
        return status != NO_STATUS;
    }

    /** Fields to add to the error response (server); the refusing response's fields (client). */
    public HttpHeaders headers() {
        return headers;
    }
}
