package dev.ondine.impl.protocol.deflate;

/**
 * A permessage-deflate offer that must be declined, or a response that the client must
 * answer by failing the connection (RFC 7692 §7.1).
 */
public final class DeflateNegotiationException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeflateNegotiationException(String message) {
        super("permessage-deflate: " + message, null, false, false);
    }
}
