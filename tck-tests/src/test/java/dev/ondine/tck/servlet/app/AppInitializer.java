package dev.ondine.tck.servlet.app;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

import java.util.Set;

/**
 * A ServletContainerInitializer of the application (in a jar of WEB-INF/lib) that adds an
 * endpoint through the {@code ServerContainer} context attribute. The order of initializers
 * is the container's: when the implementation's initializer has not run yet, the attribute
 * is not there, and the endpoint is added by a listener this initializer registers (the
 * endpoint's tag tells the client which way it went).
 */
public class AppInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        ServerContainer container = (ServerContainer) ctx.getAttribute(ServerContainer.class.getName());
        if (container != null) {
            add(container, "initializer");
            return;
        }
        ctx.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                add((ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName()), "initializer-listener");
            }
        });
    }

    private static void add(ServerContainer container, String tag) {
        try {
            container.addEndpoint(ReportingEndpoint.config("/initializer", tag));
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
