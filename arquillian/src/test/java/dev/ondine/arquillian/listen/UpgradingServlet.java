package dev.ondine.arquillian.listen;

import dev.ondine.arquillian.app.OtherEndpoint;
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

/** Upgrades its requests to {@link OtherEndpoint} itself, unless asked to refuse. */
@WebServlet("/by-servlet/*")
public class UpgradingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if ("yes".equals(req.getParameter("refuse"))) {
            resp.sendError(403);
            return;
        }
        ServerContainer sc = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        try {
            sc.upgradeHttpToWebSocket(req, resp,
                    ServerEndpointConfig.Builder.create(OtherEndpoint.class, "/other").build(), Map.of());
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
