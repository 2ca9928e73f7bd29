package dev.ondine.tck.interop;

import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

/** Ondine's server with Jetty 12's Jakarta WebSocket client (constructed directly). */
class JettyClientInteropTest {
    @Test
    @Timeout(120)
    void jettyClient() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_SERVER, "jetty",
                "Jetty " + org.eclipse.jetty.util.Jetty.VERSION + " client");
        JakartaWebSocketClientContainer client = new JakartaWebSocketClientContainer();
        LifeCycle.start(client);
        try (OndineInteropServer server = new OndineInteropServer()) {
            new JakartaClientSuite(client, column, Side.ONDINE_SERVER, server.echo(), server.interop(),
                    List.of(new SimpleExtension(JakartaClientSuite.DEFLATE)), null).runAll();
        } finally {
            LifeCycle.stop(client);
        }
        column.writeAndAssertNoNewFailures();
    }
}
