package dev.ondine.impl.jakarta.server;

import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One deployed server endpoint: its configuration, its parsed path, the model of its
 * annotated class (null for a programmatic endpoint), and its open sessions.
 */
final class EndpointRegistration {
    final ServerEndpointConfig config;
    final UriTemplate template;
    final AnnotatedEndpointModel model;
    final SessionRegistry sessions = new SessionRegistry();

    EndpointRegistration(ServerEndpointConfig config, UriTemplate template, AnnotatedEndpointModel model) {
        this.config = config;
        this.template = template;
        this.model = model;
    }
}
