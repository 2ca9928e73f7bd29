package dev.ondine.tck.servlet.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Starts an HTTP session holding the parameter {@code value}; a WebSocket handshake with its cookie reads it. */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getSession(true).setAttribute("value", req.getParameter("value"));
        resp.setContentType("text/plain");
        resp.getWriter().print("session started");
    }
}
