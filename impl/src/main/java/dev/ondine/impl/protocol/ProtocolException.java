package dev.ondine.impl.protocol;

/**
 * A violation of RFC 6455 (or of a configured limit) found while reading the peer's bytes.
 * It carries the close code that the connection must be failed with (§7.1.7): 1002 for a
 * protocol error, 1007 for invalid payload data, 1009 for a message that is too big.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public ProtocolException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
