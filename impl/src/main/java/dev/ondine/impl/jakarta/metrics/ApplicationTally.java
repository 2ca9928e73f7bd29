package dev.ondine.impl.jakarta.metrics;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.impl.jakarta.broadcast.ContainerGroups;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The figures of one application (a server container): its endpoints' tallies, asked for
 * when read, and the handshakes that matched none of them.
 */
public final class ApplicationTally implements ApplicationMetrics {
    private final String name;
    private final Supplier<List<EndpointMetrics>> endpoints;
    private final CodeCounts withoutEndpoint = new CodeCounts();
    private final ContainerGroups groups;

    /**
     * @param contextPath the application's context path ({@code ""} for the root, named {@code "/"})
     * @param endpoints its endpoints' figures, asked for when read
     * @param groups the application's groups, for the broadcast figures
     */
    public ApplicationTally(String contextPath, Supplier<List<EndpointMetrics>> endpoints, ContainerGroups groups) {
        this.name = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public long broadcastsPublished() {
        return groups.published();
    }

    @Override
    public long broadcastsFromRelay() {
        return groups.deliveredFromRelay();
    }

    @Override
    public long broadcastsLostByRelay() {
        return groups.lostByRelay();
    }

    /** An upgrade request that matched no endpoint was answered with {@code status}. */
    public void handshakeWithoutEndpoint(int status) {
        withoutEndpoint.increment(status);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<EndpointMetrics> endpoints() {
        return endpoints.get();
    }

    @Override
    public Map<Integer, Long> handshakesWithoutEndpoint() {
        return withoutEndpoint.snapshot();
    }
}
