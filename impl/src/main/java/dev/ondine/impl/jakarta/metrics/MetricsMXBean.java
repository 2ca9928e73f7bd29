package dev.ondine.impl.jakarta.metrics;

import java.util.Map;

/**
 * The figures both JMX levels show (an endpoint's, an application's totals): attribute
 * {@code X} is {@link dev.ondine.api.metrics.EndpointMetrics}'s {@code x()}, documented
 * there; maps (by status or close code) are tables of key and value.
 */
public interface MetricsMXBean {
    long getSessionsOpen();
    long getSessionsOpened();
    Map<Integer, Long> getCloses();
    long getTextMessagesReceived();
    long getBinaryMessagesReceived();
    long getTextBytesReceived();
    long getBinaryBytesReceived();
    long getTextMessagesSent();
    long getBinaryMessagesSent();
    long getTextBytesSent();
    long getBinaryBytesSent();
    long getWireBytesReceived();
    long getWireBytesSent();
    Map<Integer, Long> getHandshakes();
    Map<Integer, Long> getProtocolErrors();
    long getOutgoingQueueBytes();
    long getOutgoingQueueMaxBytes();
    long getPeersPausedOutgoingFull();
    long getPeersPausedBacklogFull();
    long getPingsSent();
    long getPongsLate();
    long getBroadcastsQueued();
    long getBroadcastsDropped();
    long getReadingThreadBlocked();
}
