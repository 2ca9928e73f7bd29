package dev.ondine.impl.servlet;

import dev.ondine.api.OriginPolicy;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a WAR the origin allow-list ({@value OriginPolicy#ALLOWED_ORIGINS}, RFC 6455 §10.2) is
 * read where every limit is: a context init parameter, else the system property.
 */
class OriginsFromContextTest {
    private final List<ServletServerContainer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(c -> OndineServletContainerInitializer.shutdown(c.runtime(), 1000));
    }

    private OriginPolicy deployedWith(Map<String, String> initParameters) {
        ServletContext context = ServletFakes.servletContext("/app", new ArrayList<>(), initParameters);
        new OndineServletContainerInitializer().onStartup(Set.of(), context);
        ServletServerContainer container = (ServletServerContainer) context.getAttribute(ServerContainer.class.getName());
        started.add(container);
        return container.originPolicy();
    }

    @Test
    void theContextParameterAllowsTheOriginsItLists() {
        OriginPolicy policy = deployedWith(Map.of(OriginPolicy.ALLOWED_ORIGINS, "https://app.example.com"));
        assertTrue(policy.allows("https://app.example.com", "ws.example.com"));
        assertFalse(policy.allows("https://evil.example", "ws.example.com"));
        assertTrue(policy.allows("https://ws.example.com", "ws.example.com"), "the server's own origin");
    }

    @Test
    void withoutAParameterOnlyTheServersOwnOrigin() {
        OriginPolicy policy = deployedWith(Map.of());
        assertFalse(policy.allows("https://app.example.com", "ws.example.com"));
        assertTrue(policy.allows(null, "ws.example.com"), "no Origin: not a browser");
    }

    @Test
    void anAsteriskAllowsEveryOrigin() {
        assertTrue(deployedWith(Map.of(OriginPolicy.ALLOWED_ORIGINS, "*")).allows("https://any.example", "h"));
    }
}
