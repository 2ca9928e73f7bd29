package dev.ondine.tck.interop;

import dev.ondine.impl.jakarta.client.OndineClientContainer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;

/** Ondine's client with Jetty 12's Jakarta WebSocket server (ee10), serving {@link InteropEndpoint}. */
class JettyServerInteropTest {
    @Test
    @Timeout(120)
    void jettyServer() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_CLIENT, "jetty",
                "Jetty " + org.eclipse.jetty.util.Jetty.VERSION + " server");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(InteropEndpoint.MAX_MESSAGE_BYTES);
            container.setDefaultMaxBinaryMessageBufferSize(InteropEndpoint.MAX_MESSAGE_BYTES);
            container.addEndpoint(InteropEndpoint.class);
        });
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/interop");
            OndineClientSuites.run(column, uri);
        } finally {
            server.stop();
        }
        column.writeAndAssertNoNewFailures();
    }
}
