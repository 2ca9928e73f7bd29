package dev.ondine.tck.interop;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ondine's client with Tyrus's standalone server (Grizzly), bound to 127.0.0.1, serving
 * {@link InteropEndpoint} with Tyrus's permessage-deflate installed.
 */
class TyrusServerInteropTest {
    @Test
    @Timeout(120)
    void tyrusServer() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_CLIENT, "tyrus",
                "Tyrus " + System.getProperty("tyrus.version", "2.2") + " server (Grizzly)");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Server server = new Server("127.0.0.1", port, "/", Map.of(
                "org.glassfish.tyrus.incomingBufferSize", InteropEndpoint.MAX_MESSAGE_BYTES + 1024),
                Application.class);
        server.start();
        try {
            OndineClientSuites.run(column, URI.create("ws://127.0.0.1:" + port + "/interop"));
        } finally {
            server.stop();
        }
        column.writeAndAssertNoNewFailures();
    }

    /**
     * {@link InteropEndpoint} with Tyrus's own default configurator: several Jakarta
     * implementations share this test class path, and the API's ServiceLoader lookup of the
     * container default would give Tyrus whichever comes first.
     */
    @jakarta.websocket.server.ServerEndpoint(value = "/interop", subprotocols = {"interop.v1", "interop.v2"},
            configurator = org.glassfish.tyrus.core.TyrusServerEndpointConfigurator.class)
    public static class TyrusInteropEndpoint extends InteropEndpoint {
    }

    /** Deploys {@link InteropEndpoint} with Tyrus's permessage-deflate among its extensions. */
    public static class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends jakarta.websocket.Endpoint>> endpoints) {
            // Tyrus deploys an annotated class given by a ServerEndpointConfig as annotated,
            // with the config's extensions.
            return Set.of(ServerEndpointConfig.Builder.create(TyrusInteropEndpoint.class, "/interop")
                    .subprotocols(List.of("interop.v1", "interop.v2"))
                    .extensions(List.<Extension>of(new PerMessageDeflateExtension()))
                    // Tyrus's own default configurator: with several Jakarta implementations
                    // on this class path, the API's ServiceLoader lookup could give Tyrus another's.
                    .configurator(new org.glassfish.tyrus.core.TyrusServerEndpointConfigurator())
                    .build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }
}
