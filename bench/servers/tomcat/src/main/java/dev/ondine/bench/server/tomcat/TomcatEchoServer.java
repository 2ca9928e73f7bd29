package dev.ondine.bench.server.tomcat;

import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.Launcher;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Tomcat 11 embedded (NIO connector, tomcat-embed-websocket) serving /echo and /broadcast.
 * One change from the connector's defaults: {@code maxConnections=-1} (the default, 8192, would
 * stop the 10,000-connection scenarios); everything else is Tomcat's default. {@link #start}
 * takes the WebSocket implementation's initializer, so that the {@code ondine-tomcat} server
 * runs the same Tomcat with Ondine's servlet transport instead.
 */
public final class TomcatEchoServer {
    private TomcatEchoServer() {
    }

    /** Tomcat answers 404 to an upgrade unless some servlet is mapped: this one is, at "/". */
    public static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(404);
        }
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("tomcat", args, (host, port) -> start(host, port, new WsSci()));
    }

    /**
     * Tomcat on {@code host:port} with one root context: {@code websocket} (the implementation's
     * initializer, which publishes the {@code ServerContainer} attribute) runs first, then the
     * bench endpoints are deployed through that attribute.
     */
    public static AutoCloseable start(String host, int port, ServletContainerInitializer websocket) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", host);
        connector.setProperty("maxConnections", "-1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(websocket, null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            try {
                BenchEndpoints.deploy((ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
            } catch (jakarta.websocket.DeploymentException e) {
                throw new jakarta.servlet.ServletException(e);
            }
        }, null);
        Tomcat.addServlet(context, "notFound", new NotFoundServlet());
        context.addServletMappingDecoded("/", "notFound");
        tomcat.start();
        return () -> {
            tomcat.stop();
            tomcat.destroy();
        };
    }
}
