package dev.ondine.api.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** {@link ApplicationMetrics#totals()}: every figure summed over the endpoints when read. */
final class Totals implements EndpointMetrics {
    private final ApplicationMetrics application;

    Totals(ApplicationMetrics application) {
        this.application = application;
    }

    private long sum(ToLongFunction<EndpointMetrics> figure) {
        long total = 0;
        for (EndpointMetrics e : application.endpoints()) {
            total += figure.applyAsLong(e);
        }
        return total;
    }

    private Map<Integer, Long> merge(Function<EndpointMetrics, Map<Integer, Long>> figure) {
        Map<Integer, Long> total = new TreeMap<>();
        for (EndpointMetrics e : application.endpoints()) {
            figure.apply(e).forEach((k, v) -> total.merge(k, v, Long::sum));
        }
        return total;
    }

    @Override
    public String path() {
        return "*";
    }

    @Override
    public long sessionsOpen() {
        return sum(EndpointMetrics::sessionsOpen);
    }

    @Override
    public long sessionsOpened() {
        return sum(EndpointMetrics::sessionsOpened);
    }

    @Override
    public Map<Integer, Long> closes() {
        return merge(EndpointMetrics::closes);
    }

    @Override
    public long textMessagesReceived() {
        return sum(EndpointMetrics::textMessagesReceived);
    }

    @Override
    public long binaryMessagesReceived() {
        return sum(EndpointMetrics::binaryMessagesReceived);
    }

    @Override
    public long textBytesReceived() {
        return sum(EndpointMetrics::textBytesReceived);
    }

    @Override
    public long binaryBytesReceived() {
        return sum(EndpointMetrics::binaryBytesReceived);
    }

    @Override
    public long textMessagesSent() {
        return sum(EndpointMetrics::textMessagesSent);
    }

    @Override
    public long binaryMessagesSent() {
        return sum(EndpointMetrics::binaryMessagesSent);
    }

    @Override
    public long textBytesSent() {
        return sum(EndpointMetrics::textBytesSent);
    }

    @Override
    public long binaryBytesSent() {
        return sum(EndpointMetrics::binaryBytesSent);
    }

    @Override
    public long wireBytesReceived() {
        return sum(EndpointMetrics::wireBytesReceived);
    }

    @Override
    public long wireBytesSent() {
        return sum(EndpointMetrics::wireBytesSent);
    }

    @Override
    public Map<Integer, Long> handshakes() {
        Map<Integer, Long> total = merge(EndpointMetrics::handshakes);
        application.handshakesWithoutEndpoint().forEach((k, v) -> total.merge(k, v, Long::sum));
        return total;
    }

    @Override
    public Map<Integer, Long> protocolErrors() {
        return merge(EndpointMetrics::protocolErrors);
    }

    @Override
    public long outgoingQueueBytes() {
        return sum(EndpointMetrics::outgoingQueueBytes);
    }

    @Override
    public long outgoingQueueMaxBytes() {
        long max = 0;
        for (EndpointMetrics e : application.endpoints()) {
            max = Math.max(max, e.outgoingQueueMaxBytes());
        }
        return max;
    }

    @Override
    public long peersPausedOutgoingFull() {
        return sum(EndpointMetrics::peersPausedOutgoingFull);
    }

    @Override
    public long peersPausedBacklogFull() {
        return sum(EndpointMetrics::peersPausedBacklogFull);
    }

    @Override
    public long pingsSent() {
        return sum(EndpointMetrics::pingsSent);
    }

    @Override
    public long pongsLate() {
        return sum(EndpointMetrics::pongsLate);
    }

    @Override
    public long broadcastsQueued() {
        return sum(EndpointMetrics::broadcastsQueued);
    }

    @Override
    public long broadcastsDropped() {
        return sum(EndpointMetrics::broadcastsDropped);
    }

    @Override
    public long readingThreadBlocked() {
        return sum(EndpointMetrics::readingThreadBlocked);
    }
}
