package dev.ondine.tck.spec.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The user, its roles and the HTTP session of the opening handshake (Jakarta WebSocket 2.2
 * §7.2, §8, {@code HandshakeRequest.isUserInRole}), and the end of a connection opened under
 * an authenticated HTTP session when that session ends ([WSC-7.2-3]). The WAR's
 * {@code web.xml} asks for BASIC authentication and the role {@code user} under
 * {@code /secure/*}.
 */
public final class HttpSessionApp {
    private HttpSessionApp() {
    }

    /** Keeps what the handshake showed: the roles asked of {@code HandshakeRequest}, and the HTTP session. */
    public static class Configurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put("roles",
                    "user=" + request.isUserInRole("user") + " admin=" + request.isUserInRole("admin"));
            Object http = request.getHttpSession();
            if (http != null) {
                sec.getUserProperties().put("httpSession", http);
            }
            List<String> tag = request.getParameterMap().get("tag");
            if (tag != null) {
                sec.getUserProperties().put("tag", tag.get(0));
            }
        }
    }

    /**
     * What both annotated endpoints do: {@code roles} answers what the configurator saw,
     * {@code http} whether there was an HTTP session, {@code invalidate} invalidates it (as the
     * official TCK's {@code authenticatedlogoff} endpoint does); anything else is echoed. A
     * connection opened with {@code ?tag=T} records {@code T close CODE} when it closes.
     */
    public abstract static class Base {
        @OnMessage
        public String onMessage(String message, Session session) {
            Map<String, Object> p = session.getUserProperties();
            switch (message) {
                case "roles":
                    return (String) p.get("roles");
                case "http":
                    return String.valueOf(p.get("httpSession") != null);
                case "invalidate":
                    ((HttpSession) p.get("httpSession")).invalidate();
                    return null;
                default:
                    return message;
            }
        }

        @OnClose
        public void onClose(Session session, CloseReason reason) {
            Object tag = session.getUserProperties().get("tag");
            if (tag != null) {
                Probe.record(tag + " close " + reason.getCloseCode().getCode());
            }
        }
    }

    @ServerEndpoint(value = "/secure/ws", configurator = Configurator.class)
    public static class Secured extends Base {
    }

    @ServerEndpoint(value = "/open/ws", configurator = Configurator.class)
    public static class Open extends Base {
    }

    /** A programmatic endpoint that answers with what the configurator saw, for {@link Upgrader}. */
    public static class RolesEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                try {
                    session.getBasicRemote().sendText((String) session.getUserProperties().get("roles"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Upgrades its requests itself ({@code ServerContainer.upgradeHttpToWebSocket}, §6.4), behind the constraint. */
    @WebServlet("/secure/upgrade")
    public static class Upgrader extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
            ServerEndpointConfig config = ServerEndpointConfig.Builder.create(RolesEndpoint.class, "/secure/upgrade")
                    .configurator(new Configurator()).build();
            try {
                container.upgradeHttpToWebSocket(req, resp, config, Map.of());
            } catch (DeploymentException e) {
                throw new ServletException(e);
            }
        }
    }

    /** Behind the constraint: starts an HTTP session of the authenticated user. */
    @WebServlet("/secure/login")
    public static class Login extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession(true);
            resp.setContentType("text/plain");
            resp.getWriter().print("logged in as " + req.getRemoteUser());
        }
    }

    /** Behind the constraint: gives the request's HTTP session a new id ({@code HttpServletRequest.changeSessionId}). */
    @WebServlet("/secure/rotate")
    public static class Rotate extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession(true);
            req.changeSessionId();
            resp.setContentType("text/plain");
            resp.getWriter().print("id changed");
        }
    }

    /** Starts an HTTP session without authentication. */
    @WebServlet("/session")
    public static class Anonymous extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession(true);
            resp.setContentType("text/plain");
            resp.getWriter().print("session started");
        }
    }

    /** Invalidates the request's HTTP session, if any (a logout). */
    @WebServlet("/logout")
    public static class Logout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpSession session = req.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            resp.setContentType("text/plain");
            resp.getWriter().print(session != null ? "invalidated" : "no session");
        }
    }
}
