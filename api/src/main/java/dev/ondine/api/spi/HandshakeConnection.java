package dev.ondine.api.spi;

import dev.ondine.api.ConnectionInfo;

/**
 * For implementations: the connection whose opening handshake the current thread is deciding,
 * as {@link ConnectionInfo#current()} reports it. A server sets it around its configurator
 * calls and clears it after them, on the thread that makes them.
 */
public final class HandshakeConnection {
    private static final ThreadLocal<ConnectionInfo> CURRENT = new ThreadLocal<>();

    private HandshakeConnection() {
    }

    /** The calling thread is deciding on the handshake of {@code connection} from now on. */
    public static void begin(ConnectionInfo connection) {
        CURRENT.set(connection);
    }

    /** The calling thread's handshake is decided. */
    public static void end() {
        CURRENT.remove();
    }

    /** The connection of the handshake the calling thread is deciding, or null. */
    public static ConnectionInfo current() {
        return CURRENT.get();
    }
}
