package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JDK's WebSocket client against a Jakarta {@code @ServerEndpoint} on Ondine: what the
 * Jakarta layer (not the samples) negotiates and sends, seen by an independent client:
 * subprotocols, path and query parameters, server pings and server closes.
 */
class JdkClientJakartaEndpointTest {
    private static OndineServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OndineServer.builder().port(0).endpoint(Greeter.class).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v0.xml v1.json v2.json | v1.json",  // the client's first that the server has
            "v2.json v1.json        | v2.json",
            "v9.cbor                | ''"})      // none in common
    void negotiatesTheFirstSubprotocolTheClientOffersThatTheServerHas(String offered, String expected) throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(uri("/greet/ann"), offered.split(" +"));
        assertEquals(expected, client.ws.getSubprotocol());
        assertEquals("hello ann, q=null, protocol=" + expected, client.next());
        client.closeNormally();
    }

    @Test
    void passesPathAndQueryParametersDecoded() throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(uri("/greet/J%C3%BCrgen%20B?q=a%26b&q=c&other=1"));
        assertEquals("hello Jürgen B, q=[a&b, c], protocol=", client.next());
        client.send("query");
        assertEquals("q=a%26b&q=c&other=1", client.next());
        client.closeNormally();
    }

    @Test
    void aServerCloseReachesTheClientWithItsCodeAndReason() throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(uri("/greet/bob"));
        client.next(); // the greeting
        client.send("close");
        assertEquals("close:4100", client.next());
        assertEquals("server says bye", client.closeReason);
    }

    @Test
    void aServerPingIsAnsweredWithAPongThatReachesThePongHandler() throws Exception {
        JdkWebSocketClient client = JdkWebSocketClient.connect(uri("/greet/cy"));
        client.next(); // the greeting
        client.send("ping:are you there");
        assertEquals("ping:are you there", client.next());
        assertEquals("server got pong:are you there", client.next());
        client.closeNormally();
    }

    /** Greets with its path and query parameters; pings, closes or reports its query on request. */
    @ServerEndpoint(value = "/greet/{name}", subprotocols = {"v2.json", "v1.json"})
    public static class Greeter {
        @OnOpen
        public void open(Session session, @PathParam("name") String name) throws IOException {
            List<String> q = session.getRequestParameterMap().get("q");
            session.getBasicRemote().sendText("hello " + name + ", q=" + q
                    + ", protocol=" + session.getNegotiatedSubprotocol());
        }

        @OnMessage
        public void command(Session session, String command) throws IOException {
            if (command.equals("close")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4100), "server says bye"));
            } else if (command.startsWith("ping:")) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(command.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else if (command.equals("query")) {
                session.getBasicRemote().sendText(session.getQueryString());
            }
        }

        @OnMessage
        public String pong(PongMessage pong) {
            return "server got pong:" + StandardCharsets.UTF_8.decode(pong.getApplicationData());
        }
    }
}
