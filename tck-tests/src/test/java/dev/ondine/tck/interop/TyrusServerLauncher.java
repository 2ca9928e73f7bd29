package dev.ondine.tck.interop;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.glassfish.tyrus.server.Server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts Tyrus's standalone server (Grizzly) with {@link InteropEndpoint}, inside the class
 * loader of {@link TyrusServerInteropTest}, which holds Tyrus, Grizzly, the Jakarta WebSocket
 * API and the test classes, and no other Jakarta WebSocket implementation: the API's
 * {@code ServiceLoader} lookups (the container-default configurator) then find Tyrus's own,
 * as in a Tyrus server of its own. Loaded and called by reflection; speaks only JDK types
 * across the loaders.
 */
public final class TyrusServerLauncher {
    private TyrusServerLauncher() {
    }

    /** Starts the server on 127.0.0.1:{@code port}; returns what stops it. */
    public static Runnable start(int port) throws Exception {
        Server server = new Server("127.0.0.1", port, "/", Map.of(
                "org.glassfish.tyrus.incomingBufferSize", InteropEndpoint.MAX_MESSAGE_BYTES + 1024),
                Application.class);
        server.start();
        return server::stop;
    }

    /** {@link InteropEndpoint} under Tyrus's default configurator. */
    @jakarta.websocket.server.ServerEndpoint(value = "/interop", subprotocols = {"interop.v1", "interop.v2"})
    public static class TyrusInteropEndpoint extends InteropEndpoint {
    }

    /** Deploys {@link TyrusInteropEndpoint} with Tyrus's permessage-deflate among its extensions. */
    public static class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends jakarta.websocket.Endpoint>> endpoints) {
            // Tyrus deploys an annotated class given by a ServerEndpointConfig as annotated,
            // with the config's extensions.
            return Set.of(ServerEndpointConfig.Builder.create(TyrusInteropEndpoint.class, "/interop")
                    .subprotocols(List.of("interop.v1", "interop.v2"))
                    .extensions(List.<Extension>of(new PerMessageDeflateExtension()))
                    .configurator(new TyrusServerEndpointConfigurator())
                    .build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }
}
