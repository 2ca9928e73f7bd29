package dev.ondine.tck.servlet.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** An application whose WebSocket deployment fails (§5.2.1): an invalid endpoint, a valid one, a servlet. */
public final class BrokenApp {
    private BrokenApp() {
    }

    /** Two text message methods: a deployment error (§4.7). */
    @ServerEndpoint("/invalid")
    public static class Invalid {
        @OnMessage
        public String one(String s) {
            return s;
        }

        @OnMessage
        public String two(String s, boolean last) {
            return s;
        }
    }

    /** Valid, but in a failed application: not served. */
    @ServerEndpoint("/good")
    public static class Good {
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    /** Keeps answering after the WebSocket deployment failed. */
    @WebServlet("/hello")
    public static class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("hello");
        }
    }
}
