package dev.ondine.impl.jakarta.server;

import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.session.NegotiatedExtension;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jakarta WebSocket 2.2 §3.1.3: the extensions a ServerEndpointConfig is built with are
 * installed extensions of that endpoint, offered to the configurator's
 * getNegotiatedExtensions ahead of the container's own, and the default configurator
 * agrees on those the client asked for, even when the engine knows nothing of them.
 */
class EndpointExtensionsTest {

    /** Keeps what the configurator was given. */
    public static final class Recording extends ServerEndpointConfig.Configurator {
        static final BlockingQueue<String> installed = new LinkedBlockingQueue<>();

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installedExtensions, List<Extension> requested) {
            installed.add(installedExtensions.stream().map(Extension::getName).toList().toString());
            return super.getNegotiatedExtensions(installedExtensions, requested);
        }
    }

    /** Answers any text with the extensions the server side of the session agreed on. */
    public static final class Negotiated extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                try {
                    session.getBasicRemote().sendText(session.getNegotiatedExtensions().toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void theEndpointsConfiguredExtensionsAreInstalledAndNegotiated() throws Exception {
        Extension configured = new NegotiatedExtension("x-tck-ext", List.of(NegotiatedExtension.parameter("p", "1")));
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Negotiated.class, "/ext")
                .extensions(List.of(configured)).configurator(new Recording()).build();
        OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).endpoint(sec).start();
        try {
            Extension offer = new NegotiatedExtension("x-tck-ext", List.of(NegotiatedExtension.parameter("p", "1")));
            Extension unknown = new NegotiatedExtension("x-nobody", List.of());
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            Endpoint client = new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
                }
            };
            Session s = OndineClients.newContainer().connectToServer(client,
                    ClientEndpointConfig.Builder.create().extensions(List.of(unknown, offer)).build(),
                    URI.create("ws://127.0.0.1:" + server.address().getPort() + "/ext"));
            String installed = Recording.installed.poll(5, TimeUnit.SECONDS);
            assertEquals("x-tck-ext", installed.substring(1, installed.indexOf(']')).split(", ")[0], installed);
            assertEquals("[x-tck-ext; p=1]", s.getNegotiatedExtensions().toString());
            s.getBasicRemote().sendText("?");
            assertEquals("[x-tck-ext; p=1]", replies.poll(5, TimeUnit.SECONDS));
            s.close();
        } finally {
            server.stop();
        }
    }
}
