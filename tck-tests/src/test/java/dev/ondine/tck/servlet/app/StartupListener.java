package dev.ondine.tck.servlet.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/** Adds an endpoint through the {@code jakarta.websocket.server.ServerContainer} context attribute (§6.4). */
@WebListener
public class StartupListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(ReportingEndpoint.config("/listener/{who}", "listener"));
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
