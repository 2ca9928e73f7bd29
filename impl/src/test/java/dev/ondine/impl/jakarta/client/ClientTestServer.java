package dev.ondine.impl.jakarta.client;

import dev.ondine.api.OndineServer;

import java.net.URI;

/** An Ondine server on a free loopback port with {@link ServerEndpoints}, for one test class. */
final class ClientTestServer implements AutoCloseable {
    final OndineServer server;

    ClientTestServer() throws Exception {
        server = OndineServer.builder()
                .port(0)
                .endpoint(ServerEndpoints.Echo.class, ServerEndpoints.Headers.class, ServerEndpoints.Guarded.class)
                .start();
    }

    /** The ws:// URI of a path on this server. */
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + path);
    }

    @Override
    public void close() {
        server.stop();
    }
}
