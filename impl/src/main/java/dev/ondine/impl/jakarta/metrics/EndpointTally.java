package dev.ondine.impl.jakarta.metrics;

import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.impl.core.ConnectionMetrics;
import dev.ondine.impl.core.MessageType;
import dev.ondine.impl.core.SharedDelivery;
import dev.ondine.impl.core.WebSocketConnection;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The figures of one endpoint: the {@link ConnectionMetrics} that each of its connections
 * reports to (one instance for all of them: no state per connection, no lock, a
 * {@link LongAdder} increment per event) and the read-only {@link EndpointMetrics} view.
 * The gauges of the outgoing queues and paused peers are computed when read, from the
 * endpoint's open connections, so they cost nothing while traffic flows.
 */
public final class EndpointTally implements ConnectionMetrics, EndpointMetrics {
    private final String path;
    private final Supplier<? extends Iterable<WebSocketConnection>> connections;

    private final LongAdder open = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder textIn = new LongAdder();
    private final LongAdder binaryIn = new LongAdder();
    private final LongAdder textBytesIn = new LongAdder();
    private final LongAdder binaryBytesIn = new LongAdder();
    private final LongAdder textOut = new LongAdder();
    private final LongAdder binaryOut = new LongAdder();
    private final LongAdder textBytesOut = new LongAdder();
    private final LongAdder binaryBytesOut = new LongAdder();
    private final LongAdder wireIn = new LongAdder();
    private final LongAdder wireOut = new LongAdder();
    private final LongAdder pings = new LongAdder();
    private final LongAdder lateOnes = new LongAdder();
    private final LongAdder broadcastsQueued = new LongAdder();
    private final LongAdder broadcastsDropped = new LongAdder();
    private final LongAdder readingThreadStalls = new LongAdder();
    private final CodeCounts closes = new CodeCounts();
    private final CodeCounts handshakes = new CodeCounts();
    private final CodeCounts protocolErrors = new CodeCounts();

    /**
     * @param path the endpoint's path template
     * @param connections the endpoint's open connections, for the gauges (asked when they are read)
     */
    public EndpointTally(String path, Supplier<? extends Iterable<WebSocketConnection>> connections) {
        this.path = Objects.requireNonNull(path, "path");
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** An upgrade request for this endpoint was answered with {@code status} (101 when accepted). */
    public void handshake(int status) {
        handshakes.increment(status);
    }

    // ------------------------------------------------------------------ ConnectionMetrics (the connections)

    @Override
    public void opened() {
        opened.increment();
        open.increment();
    }

    @Override
    public void closed(int code) {
        open.decrement();
        closes.increment(code);
    }

    @Override
    public void bytesRead(int bytes) {
        wireIn.add(bytes);
    }

    @Override
    public void bytesWritten(long bytes) {
        wireOut.add(bytes);
    }

    @Override
    public void messagesReceived(MessageType type, int count, long payloadBytes) {
        if (type == MessageType.TEXT) {
            textIn.add(count);
            textBytesIn.add(payloadBytes);
        } else {
            binaryIn.add(count);
            binaryBytesIn.add(payloadBytes);
        }
    }

    @Override
    public void messagesSent(MessageType type, int count, long payloadBytes) {
        if (type == MessageType.TEXT) {
            textOut.add(count);
            textBytesOut.add(payloadBytes);
        } else {
            binaryOut.add(count);
            binaryBytesOut.add(payloadBytes);
        }
    }

    @Override
    public void protocolError(int closeCode) {
        protocolErrors.increment(closeCode);
    }

    @Override
    public void pingSent() {
        pings.increment();
    }

    @Override
    public void pongLate() {
        lateOnes.increment();
    }

    @Override
    public void sharedMessage(SharedDelivery outcome) {
        (outcome.queued() ? broadcastsQueued : broadcastsDropped).increment();
    }

    /** A callback of this endpoint was caught blocking its reading thread ({@code OnReadingThread}). */
    public void readingThreadStalled() {
        readingThreadStalls.increment();
    }

    // ------------------------------------------------------------------ EndpointMetrics (the readers)

    @Override
    public String path() {
        return path;
    }

    @Override
    public long sessionsOpen() {
        return Math.max(0, open.sum());
    }

    @Override
    public long sessionsOpened() {
        return opened.sum();
    }

    @Override
    public Map<Integer, Long> closes() {
        return closes.snapshot();
    }

    @Override
    public long textMessagesReceived() {
        return textIn.sum();
    }

    @Override
    public long binaryMessagesReceived() {
        return binaryIn.sum();
    }

    @Override
    public long textBytesReceived() {
        return textBytesIn.sum();
    }

    @Override
    public long binaryBytesReceived() {
        return binaryBytesIn.sum();
    }

    @Override
    public long textMessagesSent() {
        return textOut.sum();
    }

    @Override
    public long binaryMessagesSent() {
        return binaryOut.sum();
    }

    @Override
    public long textBytesSent() {
        return textBytesOut.sum();
    }

    @Override
    public long binaryBytesSent() {
        return binaryBytesOut.sum();
    }

    @Override
    public long wireBytesReceived() {
        return wireIn.sum();
    }

    @Override
    public long wireBytesSent() {
        return wireOut.sum();
    }

    @Override
    public Map<Integer, Long> handshakes() {
        return handshakes.snapshot();
    }

    @Override
    public Map<Integer, Long> protocolErrors() {
        return protocolErrors.snapshot();
    }

    @Override
    public long outgoingQueueBytes() {
        long sum = 0;
        for (WebSocketConnection c : connections.get()) {
            sum += c.queuedBytes();
        }
        return sum;
    }

    @Override
    public long outgoingQueueMaxBytes() {
        long max = 0;
        for (WebSocketConnection c : connections.get()) {
            max = Math.max(max, c.queuedBytes());
        }
        return max;
    }

    @Override
    public long peersPausedOutgoingFull() {
        return pausedFor(WebSocketConnection.READ_PAUSE_OUTGOING);
    }

    @Override
    public long peersPausedBacklogFull() {
        return pausedFor(WebSocketConnection.READ_PAUSE_BACKLOG);
    }

    private long pausedFor(int reason) {
        long n = 0;
        for (WebSocketConnection c : connections.get()) {
            if ((c.readPauseReasons() & reason) != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long pingsSent() {
        return pings.sum();
    }

    @Override
    public long pongsLate() {
        return lateOnes.sum();
    }

    @Override
    public long broadcastsQueued() {
        return broadcastsQueued.sum();
    }

    @Override
    public long broadcastsDropped() {
        return broadcastsDropped.sum();
    }

    @Override
    public long readingThreadBlocked() {
        return readingThreadStalls.sum();
    }
}
