package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The samples' echo on Ondine's NIO server, answered to the JDK's own WebSocket client
 * ({@code java.net.http.WebSocket}), an implementation independent of Ondine.
 */
class JdkClientEchoTest {
    private static OndineServer server;
    private static URI echo;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
        echo = URI.create("ws://127.0.0.1:" + server.address().getPort() + "/echo");
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 1 << 20, 16 << 20})
    void echoesTextAndBinaryWhole(int size) throws Exception {
        Client client = Client.connect(echo);
        String text = text(size);
        client.ws.sendText(text, true).get(30, TimeUnit.SECONDS);
        assertEquals(text, client.next());
        byte[] data = bytes(size, size);
        client.ws.sendBinary(ByteBuffer.wrap(data), true).get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, (byte[]) client.next());
        client.closeNormally();
    }

    @Test
    void echoesFragmentedMessagesWhole() throws Exception {
        Client client = Client.connect(echo);
        client.ws.sendText("Hel", false).get(5, TimeUnit.SECONDS);
        client.ws.sendText("lo wö", false).get(5, TimeUnit.SECONDS);
        client.ws.sendText("rld", true).get(5, TimeUnit.SECONDS);
        assertEquals("Hello wörld", client.next());
        byte[] a = bytes(70_000, 1);
        byte[] b = bytes(10, 2);
        client.ws.sendBinary(ByteBuffer.wrap(a), false).get(5, TimeUnit.SECONDS);
        client.ws.sendBinary(ByteBuffer.wrap(b), true).get(5, TimeUnit.SECONDS);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(a);
        both.write(b);
        assertArrayEquals(both.toByteArray(), (byte[]) client.next());
        client.closeNormally();
    }

    @Test
    void answersPingAndEchoesTheCloseCode() throws Exception {
        Client client = Client.connect(echo);
        client.ws.sendPing(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        assertEquals("pong:ping!", client.next());
        client.ws.sendClose(4321, "bye").get(5, TimeUnit.SECONDS);
        assertEquals("close:4321", client.next());
    }

    @Test
    void servesAThousandConcurrentConnections() throws Exception {
        int n = 1000;
        List<CompletableFuture<Client>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(Client.connectAsync(echo));
        }
        List<Client> clients = new ArrayList<>();
        for (CompletableFuture<Client> f : opening) {
            clients.add(f.get(60, TimeUnit.SECONDS));
        }
        for (int i = 0; i < n; i++) {
            clients.get(i).ws.sendText("message " + i, true);
        }
        for (int i = 0; i < n; i++) {
            assertEquals("message " + i, clients.get(i).next());
        }
        for (Client c : clients) {
            c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        for (Client c : clients) {
            assertEquals("close:1000", c.next());
        }
    }

    private static String text(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A JDK WebSocket whose received messages (assembled) and events land in a queue. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        WebSocket ws;

        static Client connect(URI uri) throws Exception {
            return connectAsync(uri).get(10, TimeUnit.SECONDS);
        }

        static CompletableFuture<Client> connectAsync(URI uri) {
            Client c = new Client();
            return http.newWebSocketBuilder().buildAsync(uri, c).thenApply(ws -> {
                c.ws = ws;
                return c;
            });
        }

        Object next() throws InterruptedException {
            Object o = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(o, "nothing received within 60 s");
            return o;
        }

        void closeNormally() throws Exception {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            assertEquals("close:1000", next());
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.write(b, 0, b.length);
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            received.add("pong:" + StandardCharsets.UTF_8.decode(message));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add("close:" + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add("error:" + error);
        }
    }
}
