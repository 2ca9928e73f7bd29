package dev.ondine.servlet.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Adds an endpoint through the ServerContainer context attribute (Jakarta WebSocket 2.2 §6.4). */
@WebListener
public class StartupListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/listener/{who}").build());
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
