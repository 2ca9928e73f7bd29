package dev.ondine.impl.core;

/**
 * Learns the fate of one send: written to the transport in full, or failed (connection
 * closed, outgoing queue full, I/O error). Called exactly once, never under a lock of the
 * connection.
 */
public interface SendCallback {

    /** Does nothing, for fire-and-forget sends. */
    SendCallback NOOP = new SendCallback() {
        @Override
        public void completed() {
        }

        @Override
        public void failed(Throwable cause) {
        }
    };

    void completed();

    void failed(Throwable cause);
}
