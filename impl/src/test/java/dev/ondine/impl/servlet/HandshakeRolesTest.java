package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.transport.servlet.ServletRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ondine.impl.servlet.ServletFakes.httpSession;
import static dev.ondine.impl.servlet.ServletFakes.response;
import static dev.ondine.impl.servlet.ServletFakes.upgradeRequest;
import static dev.ondine.impl.servlet.ServletFakes.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code HandshakeRequest.isUserInRole} on a servlet container (Jakarta WebSocket 2.2 §7.2,
 * §8): the handshake's {@code HttpServletRequest} answers while the handshake runs, through
 * the filter and through {@code upgradeHttpToWebSocket}; after it, the request is not asked
 * again. And the filter binds the connection of an authenticated HTTP session.
 */
class HandshakeRolesTest {
    private final ServletRuntime runtime = OndineServletContainerInitializer.newRuntime("roles", Limits.defaults(), getClass().getClassLoader());
    private final ServletServerContainer container = new ServletServerContainer(runtime, "/app");

    /** What modifyHandshake saw, and the request it was given (kept, as an application might). */
    public static class RolesConfigurator extends ServerEndpointConfig.Configurator {
        static volatile String seen;
        static volatile HandshakeRequest kept;

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            kept = request;
            seen = "user=" + request.isUserInRole("user") + " admin=" + request.isUserInRole("admin")
                    + " null=" + request.isUserInRole(null);
        }
    }

    @ServerEndpoint(value = "/ws", configurator = RolesConfigurator.class)
    public static class Secured {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @AfterEach
    void stop() {
        OndineServletContainerInitializer.shutdown(runtime, 1000);
    }

    @Test
    void theRequestIsAskedWhileTheHandshakeRunsAndNotAfter() {
        AtomicInteger checks = new AtomicInteger();
        HttpServletRequest request = upgradeRequest("/app/ws", user("alice"), Set.of("user"), null, checks);
        HandshakeRoles roles = new HandshakeRoles(request);
        assertTrue(roles.test("user"));
        assertFalse(roles.test("admin"));
        assertFalse(roles.test(null));
        assertEquals(2, checks.get());
        roles.end();
        assertFalse(roles.test("user"), "the request may serve someone else by now");
        assertEquals(2, checks.get(), "and it is not asked");
    }

    @Test
    void theConfiguratorSeesTheRolesThroughTheFilter() throws Exception {
        container.addEndpoint(Secured.class);
        int[] status = {0};
        AtomicInteger checks = new AtomicInteger();
        new WebSocketUpgradeFilter(container).doFilter(
                upgradeRequest("/app/ws", user("alice"), Set.of("user"), httpSession("S1"), checks), response(status),
                (req, res) -> { throw new AssertionError("an upgrade request to an endpoint does not go down the chain"); });
        assertEquals(101, status[0]);
        assertEquals("user=true admin=false null=false", RolesConfigurator.seen);
        int asked = checks.get();
        assertFalse(RolesConfigurator.kept.isUserInRole("user"), "false once the handshake is over");
        assertEquals(asked, checks.get());
        assertEquals(1, container.authenticatedSessions().size(), "bound to the authenticated HTTP session (§7.2)");
    }

    @Test
    void anUnauthenticatedUserIsInNoRole() throws Exception {
        container.addEndpoint(Secured.class);
        int[] status = {0};
        new WebSocketUpgradeFilter(container).doFilter(
                upgradeRequest("/app/ws", null, Set.of("user"), httpSession("S1"), new AtomicInteger()), response(status),
                (req, res) -> { });
        assertEquals(101, status[0]);
        assertEquals("user=false admin=false null=false", RolesConfigurator.seen);
        assertEquals(0, container.authenticatedSessions().size(), "no user: not closed with its HTTP session");
    }

    @Test
    void theConfiguratorSeesTheRolesThroughUpgradeHttpToWebSocket() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Secured.class, "/upgrade")
                .configurator(new RolesConfigurator()).build();
        int[] status = {0};
        container.upgradeHttpToWebSocket(
                upgradeRequest("/app/upgrade", user("alice"), Set.of("admin"), httpSession("S2"), new AtomicInteger()),
                response(status), config, Map.of());
        assertEquals(101, status[0]);
        assertEquals("user=false admin=true null=false", RolesConfigurator.seen);
        assertFalse(RolesConfigurator.kept.isUserInRole("admin"));
        assertEquals(1, container.authenticatedSessions().size());
    }
}
