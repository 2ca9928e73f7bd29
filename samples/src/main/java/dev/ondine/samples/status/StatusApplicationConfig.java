package dev.ondine.samples.status;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/**
 * The status feed in the samples WAR (the standalone samples deploy it from {@code SamplesMain}
 * and ignore this class): deploys {@code /status/feed} with a feed of its own, and every scanned
 * annotated endpoint as found. The feed finds the application's figures in
 * {@link dev.ondine.api.metrics.OndineMetrics#applications()} when the first page connects.
 */
public final class StatusApplicationConfig implements ServerApplicationConfig {
    private final StatusFeed feed = StatusFeed.findingItsApplication();

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of(feed.endpointConfig());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
