package dev.ondine.api.metrics;

import java.util.Map;

/**
 * The figures of one server endpoint, over every session it has had since its application
 * started. Counters ({@code long}, never decreasing) and maps of counters (a snapshot, keyed
 * by HTTP status or close code, holding only keys seen at least once) are kept without locks
 * and may be read at any time from any thread; gauges are computed when read.
 */
public interface EndpointMetrics {

    /** The endpoint's path template as deployed, relative to its application (such as {@code /chat/{room}}). */
    String path();

    /** Gauge: sessions open now (opened and not yet closed). */
    long sessionsOpen();

    /** Sessions opened (handshakes that became connections). */
    long sessionsOpened();

    /**
     * Sessions closed, by the close code their endpoint was told (1000 normal, 1001 going away,
     * 1006 abnormal, 1002/1007/1008/1009 failures, application codes 3000-4999, ...).
     */
    Map<Integer, Long> closes();

    /** Whole text messages received (a message delivered in parts counts once). */
    long textMessagesReceived();

    /** Whole binary messages received. */
    long binaryMessagesReceived();

    /** Payload bytes of the text messages received (UTF-8, after decompression). */
    long textBytesReceived();

    /** Payload bytes of the binary messages received (after decompression). */
    long binaryBytesReceived();

    /** Text messages sent (queued for the peer; a message sent in parts counts once, at its last part). */
    long textMessagesSent();

    /** Binary messages sent. */
    long binaryMessagesSent();

    /** Payload bytes of the text messages sent (UTF-8, before compression). */
    long textBytesSent();

    /** Payload bytes of the binary messages sent (before compression). */
    long binaryBytesSent();

    /** Bytes read from the peers after the handshake: frames as on the wire (compressed, masked; TLS removed). */
    long wireBytesReceived();

    /** Bytes of frames written to the peers (control frames included; TLS not counted). */
    long wireBytesSent();

    /**
     * Upgrade requests for this endpoint, by the status answered: 101 for the accepted ones,
     * else the refusal's status (403 origin refused, 500 configurator or endpoint failed, a
     * configurator's own status, ...). Requests that match no endpoint are counted by the
     * application ({@link ApplicationMetrics#handshakesWithoutEndpoint()}).
     */
    Map<Integer, Long> handshakes();

    /**
     * Connections failed because the peer broke the protocol, by the close code sent
     * (1002 protocol error, 1007 invalid payload, 1008 policy, such as a ping flood, 1009 too big).
     */
    Map<Integer, Long> protocolErrors();

    /** Gauge: bytes queued for the peers and not yet written, summed over the open sessions. */
    long outgoingQueueBytes();

    /** Gauge: the largest outgoing queue of one open session, in bytes. */
    long outgoingQueueMaxBytes();

    /** Gauge: open sessions whose reading is paused because their outgoing queue is full (a slow peer). */
    long peersPausedOutgoingFull();

    /** Gauge: open sessions whose reading is paused because the endpoint has not handled what they sent. */
    long peersPausedBacklogFull();

    /** Keepalive pings the container sent (0 while container-managed pings are off). */
    long pingsSent();

    /** Keepalive pings not answered in time (0 while container-managed pings are off). */
    long pongsLate();

    /**
     * Group messages ({@code dev.ondine.api.broadcast}, published here or brought by the relay)
     * queued for this endpoint's sessions; they count among the messages sent too.
     */
    long broadcastsQueued();

    /**
     * Group messages this endpoint's sessions missed: their outgoing queue was full, they were
     * closing, or they were in the middle of a message of their own sent in parts.
     */
    long broadcastsDropped();
    /**
     * Times a callback of this endpoint was caught blocking the reading thread it runs on
     * (endpoints opted in to {@link dev.ondine.api.OnReadingThread}; 0 for the others).
     */
    long readingThreadBlocked();
}
