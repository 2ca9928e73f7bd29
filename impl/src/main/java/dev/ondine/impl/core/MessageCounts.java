package dev.ondine.impl.core;

/**
 * Messages counted since the {@link ConnectionMetrics} were last told, by type: the core
 * tells the metrics once per read (received) or per write-out (sent) rather than once per
 * message, so that a burst of pipelined messages costs one counter update, not one each.
 * Not thread-safe: used by the reading thread (received) or under the connection's lock (sent).
 */
final class MessageCounts {

    /** Where the counts go: {@code count} messages of {@code type}, {@code payloadBytes} in all. */
    @FunctionalInterface
    interface Target {
        void counted(MessageType type, int count, long payloadBytes);
    }

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

    /** Hands what is counted to {@code target} and starts again from zero. */
    void publishTo(Target target) {
        if (text != 0) {
            target.counted(MessageType.TEXT, text, textBytes);
            text = 0;
            textBytes = 0;
        }
        if (binary != 0) {
            target.counted(MessageType.BINARY, binary, binaryBytes);
            binary = 0;
            binaryBytes = 0;
        }
    }
}
