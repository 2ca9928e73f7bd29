package dev.ondine.impl.jakarta.server;

import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
import dev.ondine.impl.jakarta.metrics.EndpointTally;
import dev.ondine.impl.jakarta.session.ReadingThreadEndpoint;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One deployed server endpoint: its configuration, its parsed path, the model of its
 * annotated class (null for a programmatic endpoint), its open sessions and its figures,
 * and what its sessions share when they run their callbacks on the reading thread.
 */
final class EndpointRegistration {
    final ServerEndpointConfig config;
    final UriTemplate template;
    final AnnotatedEndpointModel model;
    final SessionRegistry sessions = new SessionRegistry();
    final EndpointTally metrics;
    /** Used by the sessions that opt in to the reading thread ({@code OnReadingThread}). */
    final ReadingThreadEndpoint readingThread;

    EndpointRegistration(ServerEndpointConfig config, UriTemplate template, AnnotatedEndpointModel model) {
        this.config = config;
        this.template = template;
        this.model = model;
        this.metrics = new EndpointTally(template.template(), sessions::connections);
        this.readingThread = ReadingThreadEndpoint.of(config.getEndpointClass(), template.template(),
                metrics::readingThreadStalled);
    }
}
