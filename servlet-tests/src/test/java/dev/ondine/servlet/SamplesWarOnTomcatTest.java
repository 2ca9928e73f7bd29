package dev.ondine.servlet;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code samples/target/ondine-samples.war} (built by {@code mvn package}) deployed as it is
 * into embedded Tomcat 11 without tomcat-embed-websocket: Ondine comes from the WAR's
 * {@code WEB-INF/lib} and is the only WebSocket implementation there is.
 */
class SamplesWarOnTomcatTest {
    private static final Path WAR = Path.of("..", "samples", "target", "ondine-samples.war");
    private static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isRegularFile(WAR), "samples/target/ondine-samples.war is built by mvn package");
        tomcat = new EmbeddedTomcat();
        tomcat.addWar("/ondine-samples", WAR);
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void echoAndChatPageFromTheWar() throws Exception {
        String base = "127.0.0.1:" + tomcat.port() + "/ondine-samples/";
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + base)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("chat.js"), page.body());

        BlockingQueue<String> replies = new ArrayBlockingQueue<>(2);
        Session s = connect(URI.create("ws://" + base + "echo"), replies);
        try {
            s.getBasicRemote().sendText("from the war");
            assertEquals("from the war", replies.poll(10, TimeUnit.SECONDS));
        } finally {
            s.close();
        }
    }

    /** The chat's JSON through JSON-B: Tomcat has no JSON-B of its own, so Yasson comes from the WAR. */
    @Test
    void chatRoomFromTheWar() throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
        Session s = connect(URI.create("ws://127.0.0.1:" + tomcat.port() + "/ondine-samples/chat/lobby?user=ada"), replies);
        try {
            assertEquals("{\"text\":\"\",\"type\":\"join\",\"user\":\"ada\"}", replies.poll(10, TimeUnit.SECONDS));
            s.getBasicRemote().sendText("{\"text\":\"hi\"}");
            assertEquals("{\"text\":\"hi\",\"type\":\"message\",\"user\":\"ada\"}", replies.poll(10, TimeUnit.SECONDS));
        } finally {
            s.close();
        }
    }

    /**
     * The status feed in the WAR (deployed by its {@code ServerApplicationConfig} beside the scanned
     * endpoints): the history first, then a sample a second that sees the feed's own session.
     */
    @Test
    void statusFeedAndPageFromTheWar() throws Exception {
        String base = "127.0.0.1:" + tomcat.port() + "/ondine-samples/";
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + base + "status.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("status.js"), page.body());

        BlockingQueue<String> updates = new ArrayBlockingQueue<>(16);
        Session s = connect(URI.create("ws://" + base + "status/feed"), updates);
        try {
            String history = updates.poll(10, TimeUnit.SECONDS);
            assertTrue(history != null && history.contains("\"type\":\"history\""), history);
            String sample = updates.poll(10, TimeUnit.SECONDS);
            assertTrue(sample != null && sample.contains("\"type\":\"sample\"")
                    && sample.contains("\"/status/feed\":1"), sample);
        } finally {
            s.close();
        }
    }

    private static Session connect(URI uri, BlockingQueue<String> replies) throws Exception {
        return OndineClients.newContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }
}
