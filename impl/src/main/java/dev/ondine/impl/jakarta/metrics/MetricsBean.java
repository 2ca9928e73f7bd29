package dev.ondine.impl.jakarta.metrics;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;

import java.util.List;
import java.util.Map;

/** The JMX face of an {@link EndpointMetrics}: an endpoint's, or an application's totals. */
class MetricsBean implements MetricsMXBean {
    private final EndpointMetrics figures;

    MetricsBean(EndpointMetrics figures) {
        this.figures = figures;
    }

    /** An endpoint's MBean. */
    static final class Endpoint extends MetricsBean implements EndpointMXBean {
        private final String path;

        Endpoint(EndpointMetrics figures) {
            super(figures);
            this.path = figures.path();
        }

        @Override
        public String getPath() {
            return path;
        }
    }

    /** An application's MBean. */
    static final class Application extends MetricsBean implements ApplicationMXBean {
        private final ApplicationMetrics application;

        Application(ApplicationMetrics application) {
            super(application.totals());
            this.application = application;
        }

        @Override
        public String getName() {
            return application.name();
        }

        @Override
        public List<String> getEndpoints() {
            return application.endpoints().stream().map(EndpointMetrics::path).toList();
        }

        @Override
        public Map<Integer, Long> getHandshakesWithoutEndpoint() {
            return application.handshakesWithoutEndpoint();
        }

        @Override
        public long getBroadcastsPublished() {
            return application.broadcastsPublished();
        }

        @Override
        public long getBroadcastsFromRelay() {
            return application.broadcastsFromRelay();
        }

        @Override
        public long getBroadcastsLostByRelay() {
            return application.broadcastsLostByRelay();
        }
    }

    @Override
    public long getSessionsOpen() {
        return figures.sessionsOpen();
    }

    @Override
    public long getSessionsOpened() {
        return figures.sessionsOpened();
    }

    @Override
    public Map<Integer, Long> getCloses() {
        return figures.closes();
    }

    @Override
    public long getTextMessagesReceived() {
        return figures.textMessagesReceived();
    }

    @Override
    public long getBinaryMessagesReceived() {
        return figures.binaryMessagesReceived();
    }

    @Override
    public long getTextBytesReceived() {
        return figures.textBytesReceived();
    }

    @Override
    public long getBinaryBytesReceived() {
        return figures.binaryBytesReceived();
    }

    @Override
    public long getTextMessagesSent() {
        return figures.textMessagesSent();
    }

    @Override
    public long getBinaryMessagesSent() {
        return figures.binaryMessagesSent();
    }

    @Override
    public long getTextBytesSent() {
        return figures.textBytesSent();
    }

    @Override
    public long getBinaryBytesSent() {
        return figures.binaryBytesSent();
    }

    @Override
    public long getWireBytesReceived() {
        return figures.wireBytesReceived();
    }

    @Override
    public long getWireBytesSent() {
        return figures.wireBytesSent();
    }

    @Override
    public Map<Integer, Long> getHandshakes() {
        return figures.handshakes();
    }

    @Override
    public Map<Integer, Long> getProtocolErrors() {
        return figures.protocolErrors();
    }

    @Override
    public long getOutgoingQueueBytes() {
        return figures.outgoingQueueBytes();
    }

    @Override
    public long getOutgoingQueueMaxBytes() {
        return figures.outgoingQueueMaxBytes();
    }

    @Override
    public long getPeersPausedOutgoingFull() {
        return figures.peersPausedOutgoingFull();
    }

    @Override
    public long getPeersPausedBacklogFull() {
        return figures.peersPausedBacklogFull();
    }

    @Override
    public long getPingsSent() {
        return figures.pingsSent();
    }

    @Override
    public long getPongsLate() {
        return figures.pongsLate();
    }

    @Override
    public long getBroadcastsQueued() {
        return figures.broadcastsQueued();
    }

    @Override
    public long getBroadcastsDropped() {
        return figures.broadcastsDropped();
    }

    @Override
    public long getReadingThreadBlocked() {
        return figures.readingThreadBlocked();
    }
}
