package dev.ondine.impl.tls;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** wss:// end to end: Ondine's server and client, the JDK's client, and hostile or mistaken peers. */
class WssTest {
    private static final int BIG = 16 * 1024 * 1024;
    private static final Limits LIMITS = Limits.builder().maxFramePayloadBytes(2L * BIG).maxMessageBytes(2 * BIG)
            .build();
    static final BlockingQueue<Integer> SERVER_CLOSES = new LinkedBlockingQueue<>();

    @TempDir
    static Path dir;
    static TestCertificates local;
    static TestCertificates other;
    static OndineServer server;

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnOpen
        public void open(Session s) {
            s.setMaxTextMessageBufferSize(2 * BIG);
            s.setMaxBinaryMessageBufferSize(2 * BIG);
        }

        @OnMessage
        public String text(String m, Session s) throws IOException {
            if (m.equals("info")) {
                return s.isSecure() + "|" + s.getRequestURI();
            }
            if (m.startsWith("close:")) {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(m.substring(6))), "server"));
                return null;
            }
            return m;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer b) {
            return b;
        }

        @OnClose
        public void closed(CloseReason reason) {
            SERVER_CLOSES.add(reason.getCloseCode().getCode());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        local = TestCertificates.generate(dir, "localhost", "ip:127.0.0.1,dns:localhost", "RSA");
        other = TestCertificates.generate(dir, "other", "dns:other.example", "EC");
        server = start(TlsConfig.keyStore(local.keyStore, TestCertificates.PASSWORD));
    }

    static OndineServer start(TlsConfig tls) throws Exception {
        return OndineServer.builder().host("127.0.0.1").port(0).limits(LIMITS).selectorThreads(2).tls(tls)
                .endpoint(Echo.class).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static URI uri(OndineServer s, String path) {
        return URI.create("wss://127.0.0.1:" + s.address().getPort() + path);
    }

    /** A client endpoint that records messages and the close. */
    static final class Client extends Endpoint {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        volatile boolean opened;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened = true;
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                messages.add(copy);
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closes.add(closeReason);
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(20, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 20 s");
            return m;
        }
    }

    static OndineClientContainer container() {
        OndineClientContainer c = OndineClients.newContainer(LIMITS);
        c.setDefaultMaxTextMessageBufferSize(2 * BIG);
        c.setDefaultMaxBinaryMessageBufferSize(2 * BIG);
        return c;
    }

    static ClientEndpointConfig trusting(TestCertificates certs, boolean disableHostnameVerification) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(OndineClientContainer.SSL_CONTEXT_PROPERTY, certs.trustingContext());
        if (disableHostnameVerification) {
            config.getUserProperties().put(OndineClientContainer.DISABLE_HOSTNAME_VERIFICATION_PROPERTY, "true");
        }
        return config;
    }

    @Test
    void ondineClientAndServerExchangeTextAndBinaryUpTo16MiB() throws Exception {
        Client client = new Client();
        Session session = container().connectToServer(client, trusting(local, false), uri(server, "/echo?x=1"));
        assertTrue(session.isSecure());
        assertEquals("wss", session.getRequestURI().getScheme());
        session.getBasicRemote().sendText("info");
        assertEquals("true|wss://127.0.0.1:" + server.address().getPort() + "/echo?x=1", client.next());
        for (int size : new int[] {0, 1, 125, 16 * 1024 - 1, 16 * 1024 + 7, 100_000, BIG}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
            assertArrayEquals(bytes, (byte[]) client.next(), "binary of " + size);
            char[] chars = new char[size];
            Arrays.fill(chars, 'é');
            String text = new String(chars, 0, size / 2); // 2 bytes each in UTF-8
            session.getBasicRemote().sendText(text);
            assertEquals(text, client.next(), "text of " + size);
        }
        // Many small messages at once from several threads: records stay in order per message.
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            int id = t;
            senders[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    session.getAsyncRemote().sendText(id + ":" + i);
                }
            });
            senders[t].start();
        }
        for (Thread t : senders) {
            t.join();
        }
        int[] last = {-1, -1, -1, -1};
        for (int i = 0; i < 800; i++) {
            String[] parts = ((String) client.next()).split(":");
            int id = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            assertEquals(last[id] + 1, n, "order of sender " + id);
            last[id] = n;
        }
        SERVER_CLOSES.clear();
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "bye"));
        assertEquals(4000, client.closes.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
        assertEquals(4000, SERVER_CLOSES.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void theServerClosesWithItsCode() throws Exception {
        Client client = new Client();
        Session session = container().connectToServer(client, trusting(local, false), uri(server, "/echo"));
        session.getBasicRemote().sendText("close:4001");
        CloseReason reason = client.closes.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("server", reason.getReasonPhrase());
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (OndineServer wrongName = start(TlsConfig.keyStore(other.keyStore, TestCertificates.PASSWORD))) {
            Client client = new Client();
            Exception e = assertThrows(Exception.class,
                    () -> container().connectToServer(client, trusting(other, false), uri(wrongName, "/echo")));
            assertTrue(e instanceof IOException || e instanceof DeploymentException, e.toString());
            assertTrue(!client.opened, "no session was opened");
            // The switch turns the check off (tests only).
            Session session = container().connectToServer(client, trusting(other, true), uri(wrongName, "/echo"));
            session.getBasicRemote().sendText("hi");
            assertEquals("hi", client.next());
            session.close();
        }
    }

    /** Jakarta WebSocket 2.1+: ClientEndpointConfig.Builder.sslContext is the standard way. */
    @Test
    void theConfigurationsOwnSslContextIsUsed() throws Exception {
        Client client = new Client();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(local.trustingContext()).build();
        Session session = container().connectToServer(client, config, uri(server, "/echo"));
        session.getBasicRemote().sendText("standard");
        assertEquals("standard", client.next());
        session.close();
    }

    @Test
    void theConfigurationsSslContextComesBeforeTheUserProperty() throws Exception {
        Client client = new Client();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(other.trustingContext()).build();
        config.getUserProperties().put(OndineClientContainer.SSL_CONTEXT_PROPERTY, local.trustingContext());
        Exception e = assertThrows(Exception.class, () -> container().connectToServer(client, config, uri(server, "/echo")));
        assertTrue(e instanceof IOException || e instanceof DeploymentException, e.toString());
        assertTrue(!client.opened, "the context that trusts only another certificate was used");
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefault() {
        Client client = new Client();
        Exception e = assertThrows(Exception.class, () -> container().connectToServer(client,
                ClientEndpointConfig.Builder.create().build(), uri(server, "/echo")));
        assertTrue(e instanceof IOException || e instanceof DeploymentException, e.toString());
        assertTrue(!client.opened);
    }

    @Test
    void theJdkClientTalksToTheServerOverWss() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(local.trustingContext()).build();
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri(server, "/echo"), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    texts.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        ws.sendText("info", true).get(10, TimeUnit.SECONDS);
        assertEquals("true|wss://127.0.0.1:" + server.address().getPort() + "/echo", texts.poll(10, TimeUnit.SECONDS));
        String big = "x".repeat(1_000_000);
        ws.sendText(big, true).get(10, TimeUnit.SECONDS);
        assertEquals(big, texts.poll(10, TimeUnit.SECONDS));
        ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        assertEquals(1000, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void garbageInsteadOfAClientHelloEndsThatConnectionOnly() throws Exception {
        for (String garbage : new String[] {"GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "\u0016\u0003\u0001\u00ff\u00ffjunk"}) {
            try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                byte[] noise = new byte[4096];
                new Random(1).nextBytes(noise);
                out.write(noise);
                out.flush();
                InputStream in = s.getInputStream();
                try {
                    int total = 0;
                    while (in.read() >= 0) {
                        total++;
                        assertTrue(total < 1024, "the server answers with at most an alert");
                    }
                } catch (SocketTimeoutException e) {
                    fail("the server kept a connection that does not speak TLS");
                } catch (IOException e) {
                    // reset: ended as well
                }
            }
        }
        ondineClientStillConnects();
    }

    @Test
    void theHandshakeTimeoutCoversTheTlsHandshake() throws Exception {
        try (OndineServer quick = OndineServer.builder().host("127.0.0.1").port(0)
                .limits(LIMITS.toBuilder().handshakeTimeoutMillis(300).build())
                .tls(TlsConfig.keyStore(local.keyStore, TestCertificates.PASSWORD)).endpoint(Echo.class).start();
             Socket silent = new Socket("127.0.0.1", quick.address().getPort())) {
            silent.setSoTimeout(10_000);
            long start = System.nanoTime();
            try {
                assertEquals(-1, silent.getInputStream().read(), "nothing is sent to a client that says nothing");
            } catch (SocketTimeoutException e) {
                fail("the server kept a connection that never started TLS");
            } catch (IOException e) {
                // reset: ended as well
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "closed after " + millis + " ms");
        }
    }

    private void ondineClientStillConnects() throws Exception {
        Client client = new Client();
        Session session = container().connectToServer(client, trusting(local, false), uri(server, "/echo"));
        session.getBasicRemote().sendText("still");
        assertEquals("still", client.next());
        session.close();
    }

    @Test
    void pemFilesWithAnEcKeyServeWss() throws Exception {
        TestCertificates ec = TestCertificates.generate(dir, "ec-local", "ip:127.0.0.1", "EC");
        try (OndineServer pem = start(TlsConfig.pem(ec.certificatePem, ec.privateKeyPem))) {
            Client client = new Client();
            Session session = container().connectToServer(client, trusting(ec, false), uri(pem, "/echo"));
            session.getBasicRemote().sendText("pem");
            assertEquals("pem", client.next());
            session.close();
        }
    }

    @Test
    void configurationKeysNameTheFiles() throws Exception {
        TlsConfig fromStore = TlsConfig.fromProperties(Map.of(TlsConfig.KEY_STORE, local.keyStore.toString(),
                TlsConfig.KEY_STORE_PASSWORD, "changeit", TlsConfig.PROTOCOLS, "TLSv1.2")::get);
        assertEquals(java.util.List.of("TLSv1.2"), fromStore.protocols());
        assertNotNull(fromStore.createSslContext());
        TlsConfig fromPem = TlsConfig.fromProperties(Map.of(TlsConfig.CERTIFICATE_CHAIN, local.certificatePem.toString(),
                TlsConfig.PRIVATE_KEY, local.privateKeyPem.toString())::get);
        assertEquals(TlsConfig.DEFAULT_PROTOCOLS, fromPem.protocols());
        try (OndineServer pem = start(fromPem)) {
            ondineClientTalksTo(pem, "rsa pem");
        }
        try (OndineServer tls12 = start(fromStore)) {
            ondineClientTalksTo(tls12, "tls 1.2");
        }
        assertNull(TlsConfig.fromProperties(Map.<String, String>of()::get));
        assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.fromProperties(Map.of(TlsConfig.PRIVATE_KEY, "k.pem")::get));
        assertThrows(IOException.class, () -> TlsConfig.pem(local.privateKeyPem, local.privateKeyPem).createSslContext());
        assertThrows(IOException.class, () -> TlsConfig.keyStore(local.keyStore, "wrong".toCharArray())
                .createSslContext());
    }

    private void ondineClientTalksTo(OndineServer s, String text) throws Exception {
        Client client = new Client();
        Session session = container().connectToServer(client, trusting(local, false), uri(s, "/echo"));
        session.getBasicRemote().sendText(text);
        assertEquals(text, client.next());
        session.close();
    }

    @Test
    void theServerEndsTlsWithCloseNotifyBeforeTcp() throws Exception {
        try (TlsPeer peer = new TlsPeer(local.trustingContext(), server.address())) {
            peer.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = "";
            while (!head.contains("\r\n\r\n")) {
                head += new String(peer.readAtLeast(1), StandardCharsets.ISO_8859_1);
            }
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            // A masked close frame with 1000 (mask 0: the payload reads as is).
            peer.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8});
            byte[] answer = peer.readAtLeast(4);
            assertArrayEquals(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xe8}, Arrays.copyOf(answer, 4));
            peer.readUntilCloseNotify(); // throws if TCP ends first
            assertTrue(peer.closeNotifyReceived);
        }
    }
}
