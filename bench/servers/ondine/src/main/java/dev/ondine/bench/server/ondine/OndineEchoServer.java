package dev.ondine.bench.server.ondine;

import dev.ondine.api.Limits;
import dev.ondine.api.OnReadingThread;
import dev.ondine.api.OndineServer;
import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.BroadcastEndpoint;
import dev.ondine.bench.server.EchoEndpoint;
import dev.ondine.bench.server.Launcher;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Ondine's standalone server (OndineServer.builder()) serving /echo and /broadcast; default limits and threads.
 * With {@code -Dbench.onReadingThread=true} (run-all's {@code ondine-inline}) the echo runs its callbacks on the
 * reading thread ({@link OnReadingThread}, set through its configuration's user property).
 */
public final class OndineEchoServer {
    private OndineEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean onReadingThread = Boolean.getBoolean("bench.onReadingThread");
        Launcher.run(onReadingThread ? "ondine-inline" : "ondine", args, (host, port) -> {
            OndineServer.Builder builder = OndineServer.builder()
                    .host(host)
                    .port(port)
                    .limits(Limits.fromSystemProperties());
            if (onReadingThread) {
                ServerEndpointConfig echo = ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build();
                echo.getUserProperties().put(OnReadingThread.PROPERTY, true);
                builder.endpoint(echo).endpoint(BroadcastEndpoint.class);
            } else {
                builder.endpoint(BenchEndpoints.ENDPOINTS);
            }
            OndineServer server = builder.start();
            BenchEndpoints.applyDefaults(server.container());
            return server::stop;
        });
    }
}
