package dev.ondine.arquillian.listen;

import dev.ondine.arquillian.app.OtherEndpoint;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/** Adds an endpoint from contextInitialized, as applications do on a web container; marks contextDestroyed. */
@WebListener
public class AnnotatedListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ServerContainer container = (ServerContainer) context.getAttribute("jakarta.websocket.server.ServerContainer");
        Registry.container = container;
        try {
            container.addEndpoint(OtherEndpoint.class);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
        Registry.events.add("init " + context.getContextPath() + " " + context.getInitParameter("greeting") + " "
                + context.getServletContextName() + " " + (context.getClassLoader() == getClass().getClassLoader())
                + " " + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        System.setProperty("ondine.arquillian.destroyed" + event.getServletContext().getContextPath(),
                getClass().getSimpleName());
    }
}
