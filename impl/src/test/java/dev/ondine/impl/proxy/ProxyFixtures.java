package dev.ondine.impl.proxy;

import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.api.client.ClientProperties;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import dev.ondine.impl.tls.TestCertificates;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Echo servers (plain and TLS) and a client that checks an echo, for the proxy tests. */
final class ProxyFixtures implements AutoCloseable {
    final TestCertificates localhost;
    final OndineServer plain;
    final OndineServer tls;

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String m, Session s) {
            return m.equals("secure?") ? String.valueOf(s.isSecure()) : m;
        }
    }

    ProxyFixtures(Path dir) throws Exception {
        localhost = TestCertificates.generate(dir, "localhost", "dns:localhost,dns:echo.test", "EC");
        plain = OndineServer.builder().host("127.0.0.1").port(0).selectorThreads(1).endpoint(Echo.class).start();
        tls = OndineServer.builder().host("127.0.0.1").port(0).selectorThreads(1)
                .tls(TlsConfig.keyStore(localhost.keyStore, TestCertificates.PASSWORD)).endpoint(Echo.class).start();
    }

    /** {@code ws://HOST:PORT/echo} of the plain server. */
    URI ws(String host) {
        return URI.create("ws://" + host + ":" + plain.address().getPort() + "/echo");
    }

    /**
     * {@code wss://HOST:PORT/echo} of the TLS server, whose certificate names {@code localhost}
     * and {@code echo.test} (a name only {@link TestProxy} resolves), not 127.0.0.1.
     */
    URI wss(String host) {
        return URI.create("wss://" + host + ":" + tls.address().getPort() + "/echo");
    }

    /** A configuration with these user properties, trusting the test certificate. */
    ClientEndpointConfig config(Map<String, Object> properties) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.SSL_CONTEXT, localhost.trustingContext());
        config.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT_MILLIS, 5_000);
        config.getUserProperties().putAll(properties);
        return config;
    }

    static OndineClientContainer container() {
        return OndineClients.newContainer();
    }

    /** Connects, checks an echo (and whether the session is secure), closes. */
    void echo(URI uri, Map<String, Object> properties) throws Exception {
        Client client = new Client();
        Session session = container().connectToServer(client, config(properties), uri);
        try {
            session.getBasicRemote().sendText("hello through the tunnel");
            assertEquals("hello through the tunnel", client.next());
            session.getBasicRemote().sendText("secure?");
            assertEquals(String.valueOf(uri.getScheme().equals("wss")), client.next());
            assertEquals(uri.getScheme().equals("wss"), session.isSecure());
        } finally {
            session.close();
        }
        assertTrue(client.closes.poll(10, TimeUnit.SECONDS) != null, "closed");
    }

    @Override
    public void close() {
        plain.stop();
        tls.stop();
    }

    /** Records the messages and the close. */
    static final class Client extends Endpoint {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        volatile boolean opened;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened = true;
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertTrue(m != null, "no message within 10 s");
            return m;
        }
    }
}
