package dev.ondine.tck.spec.app;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application's own client, as a server endpoint that calls another service over
 * {@code wss://} would use it: {@code ClientEndpointConfig.getSSLContext()} (Jakarta WebSocket
 * 2.1 and later) must decide which server certificates are trusted. Asked with
 * {@code "URI|KEYSTORE|PASSWORD|standard"} it connects with a context that trusts only the
 * certificate of that PKCS#12 key store, set with {@code Builder.sslContext}; with
 * {@code "...|none"} it connects with no context (the JDK's default trust store, which does not
 * know that certificate). It answers what came back, or the failure; asked {@code "container"},
 * the class of the client container it gets.
 */
public final class TlsClientApp {
    private TlsClientApp() {
    }

    @ServerEndpoint("/wss-client")
    public static class WssClient {
        @OnMessage
        public String onMessage(String request) {
            if (request.equals("container")) {
                return ContainerProvider.getWebSocketContainer().getClass().getName();
            }
            String[] parts = request.split("\\|");
            try {
                ClientEndpointConfig.Builder config = ClientEndpointConfig.Builder.create();
                if (parts[3].equals("standard")) {
                    config.sslContext(trusting(Path.of(parts[1]), parts[2].toCharArray()));
                }
                CompletableFuture<String> echo = new CompletableFuture<>();
                Session session = ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session s, EndpointConfig c) {
                        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) echo::complete);
                    }
                }, config.build(), URI.create(parts[0]));
                try {
                    session.getBasicRemote().sendText("over tls");
                    return "echoed: " + echo.get(10, TimeUnit.SECONDS);
                } finally {
                    session.close();
                }
            } catch (Exception e) {
                return "failed: " + e.getClass().getSimpleName();
            }
        }

        private static SSLContext trusting(Path keyStore, char[] password) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, password);
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", ks.getCertificate(ks.aliases().nextElement()));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }
}
