package dev.ondine.bench.server.jetty;

import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.Launcher;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12.1 (ee10 Jakarta WebSocket) serving /echo and /broadcast; its default thread pool and connector. */
public final class JettyEchoServer {
    private JettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("jetty", args, (host, port) -> {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            server.setHandler(context);
            JakartaWebSocketServletContainerInitializer.configure(context,
                    (servletContext, container) -> BenchEndpoints.deploy(container));
            server.start();
            return server::stop;
        });
    }
}
