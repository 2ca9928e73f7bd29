package dev.ondine.servlet.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;

/**
 * Tries to add an endpoint once the application serves requests, and answers with what the
 * container did: the specification wants an IllegalStateException (§6.4).
 */
@WebServlet("/late-deploy")
public class LateDeployServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ServerContainer container = (ServerContainer) req.getServletContext().getAttribute(ServerContainer.class.getName());
        String outcome;
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/late").build());
            outcome = "added";
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(outcome);
    }
}
