package dev.ondine.samples.status;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * {@code /status/feed}: a page's connection to its {@link StatusFeed}. The page only listens;
 * a programmatic endpoint, so that each instance is given the feed of its server.
 */
public final class StatusFeedEndpoint extends Endpoint {
    private final StatusFeed feed;

    StatusFeedEndpoint(StatusFeed feed) {
        this.feed = feed;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        feed.join(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        feed.leave(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        feed.leave(session);
    }
}
