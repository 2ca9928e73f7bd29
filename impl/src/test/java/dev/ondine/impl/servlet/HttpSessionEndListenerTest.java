package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ondine.impl.servlet.ServletFakes.httpSession;
import static dev.ondine.impl.servlet.ServletFakes.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Ondine's initializer gives each application a listener for the end of its HTTP sessions,
 * tied to that application's container (Jakarta WebSocket 2.2 §7.2): an HTTP session the
 * servlet container destroys closes the connections opened under it with 1008.
 */
class HttpSessionEndListenerTest {

    @Test
    void theInitializerListensToTheApplicationsHttpSessions() {
        List<Object> listeners = new ArrayList<>();
        ServletContext context = ServletFakes.servletContext("/app", listeners);
        new OndineServletContainerInitializer().onStartup(Set.of(), context);
        ServletServerContainer container = (ServletServerContainer) context.getAttribute(ServerContainer.class.getName());
        try {
            Object sessionListener = listeners.stream().filter(l -> l instanceof HttpSessionListener).findFirst()
                    .orElseThrow(() -> new AssertionError("no HttpSessionListener among " + listeners));
            assertInstanceOf(HttpSessionIdListener.class, sessionListener, "a login that changes the id is followed");

            Upgrade bound = container.authenticatedSessions().bind(Upgrade.of(new ServletFakes.Events(), Limits.defaults()),
                    new HandshakeContext(user("alice"), null, httpSession("S1")));
            ServletFakes.Wire wire = ServletFakes.open(bound.listener());
            ((HttpSessionListener) sessionListener).sessionDestroyed(new HttpSessionEvent(httpSession("S1")));
            assertEquals("1008 " + AuthenticatedHttpSessions.REASON, wire.closeFrame());
        } finally {
            for (Object l : listeners) {
                if (l instanceof ServletContextListener s) {
                    s.contextDestroyed(new ServletContextEvent(context));
                }
            }
        }
    }
}
