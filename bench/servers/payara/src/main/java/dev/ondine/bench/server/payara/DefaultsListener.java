package dev.ondine.bench.server.payara;

import dev.ondine.bench.server.BenchEndpoints;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * In the bench WAR: the container defaults every Jakarta server of the load tests gets, and
 * one line naming the implementation that serves the WAR (Ondine's or Payara's Tyrus), so
 * that the server's log shows which one was measured.
 */
@WebListener
public class DefaultsListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        System.out.println("bench WAR served by " + container.getClass().getName());
        BenchEndpoints.applyDefaults(container);
    }
}
