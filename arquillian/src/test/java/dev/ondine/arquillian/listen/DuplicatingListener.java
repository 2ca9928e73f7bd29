package dev.ondine.arquillian.listen;

import dev.ondine.arquillian.app.SamePathEndpoint;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/** Adds an endpoint at a path taken already (a deployment error) and keeps going, as the listener catches it. */
@WebListener
public class DuplicatingListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(SamePathEndpoint.class);
        } catch (Exception e) {
            System.setProperty("ondine.arquillian.duplicate", e.getClass().getSimpleName());
        }
        try {
            container.addEndpoint(LateEndpoint.class);
        } catch (Exception e) {
            System.setProperty("ondine.arquillian.afterDuplicate", e.getClass().getSimpleName());
        }
    }
}
