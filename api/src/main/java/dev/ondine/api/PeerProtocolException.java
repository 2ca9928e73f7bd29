package dev.ondine.api;

import java.io.IOException;

/**
 * What an endpoint's {@code onError} ({@code @OnError}) receives when the peer broke RFC 6455
 * or one of the limits (a masked or unmasked frame the wrong way, reserved bits or opcodes,
 * invalid UTF-8, a bad close code, a message past its limit): Ondine has failed the
 * connection with {@link #closeCode()} (1002 protocol error, 1007 invalid data, 1009 too
 * big; RFC 6455 §7.1.7, §7.4.1), and {@code onClose} follows.
 *
 * <p>It is the peer's fault, not the application's: Ondine logs it at {@code FINE} only and
 * counts it in a periodic {@code INFO} summary, and an endpoint can tell it apart from its
 * own failures:
 *
 * <pre>{@code
 * @OnError
 * public void onError(Session session, Throwable error) {
 *     if (error instanceof PeerProtocolException || error instanceof IOException) {
 *         return; // the peer misbehaved or went away; the connection is closing
 *     }
 *     LOG.log(Level.WARNING, "Session " + session.getId() + " failed", error);
 * }
 * }</pre>
 *
 * It is an {@link IOException}, as are the other failures of the connection that reach
 * {@code onError} (a reset, a send to a peer that has gone).
 */
public class PeerProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /**
     * @param closeCode the close code the connection was failed with
     * @param message   what the peer did wrong
     */
    public PeerProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The close code the connection was failed with: 1002, 1007 or 1009. */
    public int closeCode() {
        return closeCode;
    }
}
