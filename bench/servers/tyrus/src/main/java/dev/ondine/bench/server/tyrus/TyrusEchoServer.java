package dev.ondine.bench.server.tyrus;

import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.Launcher;
import jakarta.websocket.DeploymentException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.BenchAddOnAccess;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.io.IOException;

/**
 * Tyrus 2.2 on Grizzly serving /echo and /broadcast. Tyrus's own standalone {@code Server}
 * listens on 0.0.0.0 whatever host it is given, so this builds the same arrangement through
 * Tyrus's public pieces (a {@link TyrusWebSocketEngine}, Grizzly's {@link HttpServer} with
 * Tyrus's {@code WebSocketAddOn}, reached through {@link BenchAddOnAccess}) on a listener bound to the asked host. Same settings as the
 * standalone server's defaults: worker-thread I/O strategy, no HTTP keep-alive idle timeout.
 */
public final class TyrusEchoServer {
    private TyrusEchoServer() {
    }

    static final class BoundContainer extends TyrusServerContainer {
        private final WebSocketEngine engine;
        private final String host;
        private HttpServer http;

        BoundContainer(String host) {
            super((java.util.Set<Class<?>>) null);
            this.host = host;
            this.engine = TyrusWebSocketEngine.builder(this).build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "/");
        }

        @Override
        public void register(jakarta.websocket.server.ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
        }

        @Override
        public java.util.Map<String, Object> getProperties() {
            return java.util.Map.of();
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public void start(String rootPath, int port) throws IOException, DeploymentException {
            http = new HttpServer();
            NetworkListener listener = new NetworkListener("grizzly", host, port);
            http.addListener(listener);
            listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
            listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
            listener.registerAddOn(BenchAddOnAccess.webSocketAddOn(this, "/"));
            http.start();
            super.start(rootPath, port);
        }

        @Override
        public void stop() {
            super.stop();
            if (http != null) {
                http.shutdownNow();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("tyrus", args, (host, port) -> {
            BoundContainer container = new BoundContainer(host);
            BenchEndpoints.deploy(container);
            container.start("/", port);
            return container::stop;
        });
    }
}
