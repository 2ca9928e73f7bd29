package dev.ondine.payara.arquillian.check;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers a plain GET with the class of the application's {@code jakarta.websocket.server.ServerContainer}
 * attribute: the implementation whose initializer serves the application (added to every WAR by ArchiveForPayara).
 */
@WebServlet(ServedByServlet.PATH)
public class ServedByServlet extends HttpServlet {
    public static final String PATH = "/ondine-check/server-container";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object container = req.getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        resp.setContentType("text/plain");
        resp.getWriter().print(container == null ? "none" : container.getClass().getName());
    }
}
