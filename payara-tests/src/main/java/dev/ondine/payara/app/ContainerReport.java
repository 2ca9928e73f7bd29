package dev.ondine.payara.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Logs which implementation published the ServerContainer attribute of this application. */
@WebListener
public class ContainerReport implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        Object sc = sce.getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        System.out.println("ONDINE-PAYARA ServerContainer attribute: " + (sc == null ? null : sc.getClass().getName()));
    }
}
