package dev.ondine.impl.jakarta.metrics;

import java.util.List;
import java.util.Map;

/**
 * One application in JMX, {@code dev.ondine:type=Application,application="..."}: the totals
 * of its endpoints (handshakes include those that matched no endpoint).
 */
public interface ApplicationMXBean extends MetricsMXBean {
    /** The application's name (its context path, {@code "/"} for the root). */
    String getName();

    /** The path templates of its endpoints. */
    List<String> getEndpoints();

    /** Upgrade requests that matched no endpoint, by status. */
    Map<Integer, Long> getHandshakesWithoutEndpoint();

    /** Messages published to the application's groups on this node. */
    long getBroadcastsPublished();

    /** Group messages the relay brought from other nodes. */
    long getBroadcastsFromRelay();

    /** Group messages the relay reported lost. */
    long getBroadcastsLostByRelay();
}
