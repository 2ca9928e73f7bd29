package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The samples' echo on Ondine's NIO server, answered to the JDK's own WebSocket client
 * ({@code java.net.http.WebSocket}), an implementation independent of Ondine.
 */
class JdkClientEchoTest {
    private static OndineServer server;
    private static URI echo;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
        echo = URI.create("ws://127.0.0.1:" + server.address().getPort() + "/echo");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 1 << 20, 16 << 20})
    void echoesTextAndBinaryWhole(int size) throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(echo);
        String text = Payloads.text(size);
        client.ws.sendText(text, true).get(30, TimeUnit.SECONDS);
        assertEquals(text, client.next());
        byte[] data = Payloads.bytes(size, size);
        client.ws.sendBinary(ByteBuffer.wrap(data), true).get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, (byte[]) client.next());
        client.closeNormally();
    }

    @Test
    void echoesFragmentedMessagesWhole() throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(echo);
        client.ws.sendText("Hel", false).get(5, TimeUnit.SECONDS);
        client.ws.sendText("lo wö", false).get(5, TimeUnit.SECONDS);
        client.ws.sendText("rld", true).get(5, TimeUnit.SECONDS);
        assertEquals("Hello wörld", client.next());
        byte[] a = Payloads.bytes(70_000, 1);
        byte[] b = Payloads.bytes(10, 2);
        client.ws.sendBinary(ByteBuffer.wrap(a), false).get(5, TimeUnit.SECONDS);
        client.ws.sendBinary(ByteBuffer.wrap(b), true).get(5, TimeUnit.SECONDS);
        assertArrayEquals(Payloads.concat(a, b), (byte[]) client.next());
        client.closeNormally();
    }

    @Test
    void answersPingAndEchoesTheCloseCode() throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(echo);
        client.ws.sendPing(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        assertEquals("pong:ping!", client.next());
        client.ws.sendClose(4321, "bye").get(5, TimeUnit.SECONDS);
        assertEquals("close:4321", client.next());
    }

    @Test
    void servesAThousandConcurrentConnections() throws Exception {
        int n = 1000;
        List<CompletableFuture<JdkWebSocketClient>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(JdkWebSocketClient.connectAsync(echo));
        }
        List<JdkWebSocketClient> clients = new ArrayList<>();
        for (CompletableFuture<JdkWebSocketClient> f : opening) {
            clients.add(f.get(60, TimeUnit.SECONDS));
        }
        for (int i = 0; i < n; i++) {
            clients.get(i).ws.sendText("message " + i, true);
        }
        for (int i = 0; i < n; i++) {
            assertEquals("message " + i, clients.get(i).next());
        }
        for (JdkWebSocketClient c : clients) {
            c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        for (JdkWebSocketClient c : clients) {
            assertEquals("close:1000", c.next());
        }
    }
}
