package dev.ondine.impl.core;

/**
 * Messages counted since the {@link ConnectionMetrics} were last told, by type: the core
 * tells the metrics once per read (received) or per write-out (sent) rather than once per
 * message, so that a burst of pipelined messages costs one counter update, not one each.
 * Not thread-safe: used by the reading thread (received) or under the connection's lock (sent).
 */
final class MessageCounts {

    private int text;
    private long textBytes;
    private int binary;
    private long binaryBytes;

    void add(MessageType type, long payloadBytes) {
        if (type == MessageType.TEXT) {
            text++;
            textBytes += payloadBytes;
        } else {
            binary++;
            binaryBytes += payloadBytes;
        }
    }

    /** Whether nothing is counted (a racy read from another thread may only be late). */
    boolean isEmpty() {
        return text == 0 && binary == 0;
    }

    /** Tells {@code metrics} of the messages counted as received, and starts again from zero. */
    void publishReceived(ConnectionMetrics metrics) {
        if (text != 0) {
            metrics.messagesReceived(MessageType.TEXT, text, textBytes);
        }
        if (binary != 0) {
            metrics.messagesReceived(MessageType.BINARY, binary, binaryBytes);
        }
        clear();
    }

    /** Tells {@code metrics} of the messages counted as sent, and starts again from zero. */
    void publishSent(ConnectionMetrics metrics) {
        if (text != 0) {
            metrics.messagesSent(MessageType.TEXT, text, textBytes);
        }
        if (binary != 0) {
            metrics.messagesSent(MessageType.BINARY, binary, binaryBytes);
        }
        clear();
    }

    private void clear() {
        text = 0;
        textBytes = 0;
        binary = 0;
        binaryBytes = 0;
    }
}
