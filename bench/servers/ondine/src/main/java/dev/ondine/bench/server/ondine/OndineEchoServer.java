package dev.ondine.bench.server.ondine;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.bench.server.BenchEndpoints;
import dev.ondine.bench.server.Launcher;

/** Ondine's standalone server (OndineServer.builder()) serving /echo and /broadcast; default limits and threads. */
public final class OndineEchoServer {
    private OndineEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Launcher.run("ondine", args, (host, port) -> {
            OndineServer server = OndineServer.builder()
                    .host(host)
                    .port(port)
                    .limits(Limits.fromSystemProperties())
                    .endpoint(BenchEndpoints.ENDPOINTS)
                    .start();
            BenchEndpoints.applyDefaults(server.container());
            return server::stop;
        });
    }
}
