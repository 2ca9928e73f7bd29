package dev.ondine.tck.servlet.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint that answers each text message with a {@link Report}, tagged with
 * the {@code tag} user property of its configuration (where it was deployed from).
 */
public class ReportingEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object tag = config.getUserProperties().getOrDefault("tag", "programmatic");
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
            try {
                session.getBasicRemote().sendText(Report.of(String.valueOf(tag), message, session));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A configuration of this endpoint at {@code path}, tagged {@code tag}. */
    public static jakarta.websocket.server.ServerEndpointConfig config(String path, String tag) {
        jakarta.websocket.server.ServerEndpointConfig c =
                jakarta.websocket.server.ServerEndpointConfig.Builder.create(ReportingEndpoint.class, path).build();
        c.getUserProperties().put("tag", tag);
        return c;
    }
}
