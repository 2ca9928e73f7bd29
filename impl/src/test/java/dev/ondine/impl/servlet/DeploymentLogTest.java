package dev.ondine.impl.servlet;

import dev.ondine.impl.LogCapture;
import dev.ondine.impl.jakarta.server.OndineVersion;
import jakarta.servlet.ServletContext;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, item 7: once a web application's WebSocket deployment is over, one INFO line
 * names Ondine's version, the context path and the endpoints with their paths.
 */
class DeploymentLogTest {
    @ServerEndpoint("/chat/{room}")
    public static class ChatEndpoint {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    private LogCapture log;
    private final List<Object> listeners = new ArrayList<>();
    private ServletServerContainer container;

    @BeforeEach
    void capture() {
        log = LogCapture.of("dev.ondine");
    }

    @AfterEach
    void stop() {
        log.close();
        if (container != null) {
            OndineServletContainerInitializer.shutdown(container.runtime(), 1000);
        }
    }

    private ServletServerContainer deploy(String contextPath, Class<?>... scanned) {
        ServletContext context = ServletFakes.servletContext(contextPath, listeners);
        new OndineServletContainerInitializer().onStartup(new LinkedHashSet<>(List.of(scanned)), context);
        container = (ServletServerContainer) context.getAttribute(ServerContainer.class.getName());
        return container;
    }

    private List<String> atInfo() {
        return log.messagesAt(Level.INFO);
    }

    @Test
    void oneInfoLineWhenTheFilterStartsNoneAgainAtTheFirstRequest() {
        ServletServerContainer c = deploy("/myapp", ServletServerContainerTest.Valid.class, ChatEndpoint.class);
        assertTrue(atInfo().isEmpty(), "nothing while the application deploys");

        new WebSocketUpgradeFilter(c).init(null);
        c.markDeployed();
        new WebSocketUpgradeFilter(c).init(null);

        assertEquals(1, atInfo().size(), String.valueOf(atInfo()));
        String line = atInfo().get(0);
        assertTrue(line.startsWith("Ondine dev serves /myapp: "), line); // classes, not a jar: no manifest version
        assertTrue(line.contains("/valid (Valid)"), line);
        assertTrue(line.contains("/chat/{room} (ChatEndpoint)"), line);
    }

    @Test
    void theRootApplicationIsNamedSlashAndTheFirstRequestAnnouncesIfTheFilterDidNot() {
        ServletServerContainer c = deploy("", ServletServerContainerTest.Valid.class);
        c.markDeployed();
        assertEquals(List.of("Ondine dev serves /: /valid (Valid)"), atInfo());
    }

    @Test
    void noLineForAnApplicationWithoutEndpointsOrWhoseDeploymentFailed() {
        ServletServerContainer plain = deploy("/plain");
        new WebSocketUpgradeFilter(plain).init(null);
        OndineServletContainerInitializer.shutdown(plain.runtime(), 1000);
        ServletServerContainer broken = deploy("/broken", ServletServerContainerTest.Valid.class, ServletServerContainerTest.Invalid.class);
        new WebSocketUpgradeFilter(broken).init(null);
        assertTrue(broken.deploymentError() != null, "the deployment failed");
        assertTrue(atInfo().isEmpty(), String.valueOf(atInfo()));
        assertEquals(1L, (long) log.messagesAt(Level.SEVERE).size(), "the deployment error, once");
    }

    @Test
    void theVersionFallsBackToDevOutsideOndinesJar() {
        assertEquals("dev", OndineVersion.get());
    }
}
