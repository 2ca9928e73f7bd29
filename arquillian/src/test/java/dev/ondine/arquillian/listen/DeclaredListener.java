package dev.ondine.arquillian.listen;

import dev.ondine.arquillian.app.OtherEndpoint;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/** The same as AnnotatedListener, not annotated: declared in web.xml or added by an initializer. */
public class DeclaredListener implements ServletContextListener {
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
