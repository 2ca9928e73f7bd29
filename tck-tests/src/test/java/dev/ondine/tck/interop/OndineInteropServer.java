package dev.ondine.tck.interop;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.samples.chat.ChatEndpoint;
import dev.ondine.samples.echo.EchoEndpoint;

import java.net.URI;

/**
 * Ondine's standalone server as the samples configure it ({@code SamplesMain}: /echo, /chat,
 * the chat page), plus the test endpoint {@link InteropEndpoint} at /interop.
 */
final class OndineInteropServer implements AutoCloseable {
    final OndineServer server;
    private final boolean tls;

    OndineInteropServer() throws Exception {
        this(null);
    }

    /** Over TLS (wss:// and https://) when {@code tls} is not null. */
    OndineInteropServer(TlsConfig tls) throws Exception {
        this.tls = tls != null;
        Limits limits = Limits.fromSystemProperties().toBuilder()
                .maxFramePayloadBytes(EchoEndpoint.MAX_MESSAGE_BYTES)
                .build();
        OndineServer.Builder b = OndineServer.builder()
                .host("127.0.0.1")
                .port(0)
                .limits(limits)
                .endpoint(EchoEndpoint.class, ChatEndpoint.class, InteropEndpoint.class)
                .staticResources("static");
        if (tls != null) {
            b.tls(tls);
        }
        server = b.start();
    }

    int port() {
        return server.address().getPort();
    }

    URI echo() {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/echo");
    }

    URI interop() {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/interop");
    }

    String http() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port() + "/";
    }

    @Override
    public void close() {
        server.stop();
    }
}
