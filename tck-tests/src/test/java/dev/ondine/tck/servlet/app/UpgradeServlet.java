package dev.ondine.tck.servlet.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;

/** Upgrades its requests itself with {@code ServerContainer.upgradeHttpToWebSocket}, with its own path parameters (§6.4). */
@WebServlet("/upgrade/*")
public class UpgradeServlet extends HttpServlet {
    private static final ServerEndpointConfig CONFIG = ReportingEndpoint.config("/upgrade/{who}", "upgrade");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        String who = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        try {
            container.upgradeHttpToWebSocket(req, resp, CONFIG, Map.of("who", who));
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
