package dev.ondine.servlet.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A programmatic endpoint, deployed by {@link AppConfig}, by {@link StartupListener} and through {@link UpgradeServlet}. */
public class ProgrammaticEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
            try {
                session.getBasicRemote().sendText("programmatic:" + message
                        + " who=" + session.getPathParameters().get("who")
                        + " http=" + session.getUserProperties().get("httpValue")
                        + " user=" + (session.getUserPrincipal() == null ? "none" : session.getUserPrincipal().getName())
                        + " " + Report.of(session));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
