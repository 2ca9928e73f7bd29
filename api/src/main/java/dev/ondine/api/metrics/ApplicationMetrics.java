package dev.ondine.api.metrics;

import java.util.List;
import java.util.Map;

/**
 * The figures of one application: a standalone server, or a web application with Ondine.
 * Its totals are the sums over {@link #endpoints()} (plus {@link #handshakesWithoutEndpoint()}
 * for handshakes).
 *
 * <p>A web application finds its own in the servlet context attribute {@link #ATTRIBUTE};
 * every live application of Ondine's class loader is listed by {@link OndineMetrics#applications()}.
 */
public interface ApplicationMetrics {

    /** The servlet context attribute holding a web application's {@code ApplicationMetrics}. */
    String ATTRIBUTE = "dev.ondine.api.metrics.ApplicationMetrics";

    /**
     * The application's name: its context path ({@code "/"} for the root), as in the JMX
     * {@code application} key.
     */
    String name();

    /** The application's endpoints, in the order they were deployed. */
    List<EndpointMetrics> endpoints();

    /**
     * Upgrade requests that matched no endpoint of the application, by the status answered
     * (404).
     */
    Map<Integer, Long> handshakesWithoutEndpoint();

    /**
     * The application's totals, read live: each figure summed over {@link #endpoints()} (the
     * largest queue for {@link EndpointMetrics#outgoingQueueMaxBytes()}), the handshakes with
     * {@link #handshakesWithoutEndpoint()} added; its {@link EndpointMetrics#path()} is {@code "*"}.
     */
    default EndpointMetrics totals() {
        return new Totals(this);
    }

    /** Messages published to the application's groups on this node ({@code dev.ondine.api.broadcast}). */
    default long broadcastsPublished() {
        return 0;
    }

    /** Group messages published on other nodes that the relay brought here. */
    default long broadcastsFromRelay() {
        return 0;
    }

    /** Group messages the relay reported lost: this node fell behind the others. */
    default long broadcastsLostByRelay() {
        return 0;
    }
}
