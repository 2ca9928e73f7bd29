package dev.ondine.impl.protocol.proxy;

/** A proxy's answer to {@code CONNECT} could not be understood. */
public final class ConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectException(String message) {
        super(message, null, false, false);
    }
}
