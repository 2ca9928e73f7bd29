package dev.ondine.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import dev.ondine.servlet.jetty.RawWebSocket;
import dev.ondine.tck.servlet.ServletContainerTest;
import dev.ondine.tck.spec.Spec;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ondine inside embedded Tomcat 11 (no tomcat-embed-websocket): two exploded applications,
 * {@code /app} (package {@code dev.ondine.servlet.app}) and {@code /broken} (an invalid
 * endpoint). Every answer from an endpoint carries the server session's class, which must
 * be Ondine's.
 */
class OndineOnTomcatTest {
    private static final String ONDINE_SESSION = ServletContainerTest.ONDINE_SESSION;
    private static final String SECURED_WEB_XML = ServletContainerTest.SECURED_WEB_XML;

    private static EmbeddedTomcat tomcat;
    private static String ws;
    private static String http;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat();
        tomcat.addUser("alice", "secret", "user");
        // WhereEndpoint reads the connection from the user properties too (off by default: the TCK counts them).
        tomcat.addWebapp("/app", "dev.ondine.servlet.app", SECURED_WEB_XML).addParameter(Limits.CONNECTION_PROPERTIES, "true");
        tomcat.addWebapp("/broken", "dev.ondine.servlet.broken", null);
        tomcat.start();
        ws = "ws://127.0.0.1:" + tomcat.port();
        http = "http://127.0.0.1:" + tomcat.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void annotatedEndpointWithPathParameterAndCoders() throws Exception {
        String reply = ondineRoundTrip("/app/echo/blue", "cmd:hello", null);
        assertTrue(reply.startsWith("room=blue text=hello " + ONDINE_SESSION), reply);
        // Endpoint code runs with the web application's class loader as context class loader.
        assertTrue(reply.contains("tccl=org.apache.catalina.loader.ParallelWebappClassLoader appLoader=true"), reply);
    }

    @Test
    void anEndpointOnTheReadingThreadRunsOnTheApplicationsPoolInAServletContainer() throws Exception {
        // @OnReadingThread does not apply here: Tomcat's threads read the bytes (http-nio-...-exec-N).
        String reply = jdkRoundTrip("/app/readingthread", "hi", Map.of());
        assertTrue(reply.startsWith("hi thread="), reply);
        assertTrue(!reply.contains("exec") && !reply.contains("http-nio"), reply);
    }

    @Test
    void jdkClientReachesTheAnnotatedEndpoint() throws Exception {
        String reply = jdkRoundTrip("/app/echo/red", "cmd:from-jdk", Map.of());
        assertTrue(reply.startsWith("room=red text=from-jdk " + ONDINE_SESSION), reply);
    }

    @Test
    void programmaticEndpointFromServerApplicationConfig() throws Exception {
        String reply = ondineRoundTrip("/app/programmatic", "hi", null);
        assertTrue(reply.startsWith("programmatic:hi who=null http=none user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void serverApplicationConfigLeavesAnEndpointOut() {
        assertEquals(404, handshakeStatus("/app/excluded"));
    }

    @Test
    void permessageDeflateIsNegotiatedThroughTheServletUpgrade() throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
        // Ondine's client offers permessage-deflate only when asked to (user property).
        ClientEndpointConfig deflate = ClientEndpointConfig.Builder.create().build();
        deflate.getUserProperties().put(OndineClientContainer.PERMESSAGE_DEFLATE_PROPERTY, "true");
        Session s = OndineClients.newContainer().connectToServer(collector(replies), deflate, URI.create(ws + "/app/echo/zip"));
        try {
            assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
            String big = "cmd:" + "abc".repeat(50_000);
            s.getBasicRemote().sendText(big);
            String reply = replies.poll(10, TimeUnit.SECONDS);
            assertNotNull(reply);
            assertTrue(reply.startsWith("room=zip text=" + "abc".repeat(50_000) + " " + ONDINE_SESSION));
        } finally {
            s.close();
        }
    }

    @Test
    void endpointAddedByAServletContextListener() throws Exception {
        String reply = ondineRoundTrip("/app/listener/bob", "x", null);
        assertTrue(reply.startsWith("programmatic:x who=bob http=null user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void upgradeHttpToWebSocketFromAServlet() throws Exception {
        String reply = ondineRoundTrip("/app/upgrade/carol", "y", null);
        assertTrue(reply.startsWith("programmatic:y who=carol http=null user=none " + ONDINE_SESSION), reply);
        String jdk = jdkRoundTrip("/app/upgrade/dave", "z", Map.of());
        assertTrue(jdk.startsWith("programmatic:z who=dave " ), jdk);
        assertTrue(jdk.contains(ONDINE_SESSION), jdk);
    }

    @Test
    void modifyHandshakeSeesTheHttpSession() throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/app/session?value=remembered")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, started.statusCode());
        String cookie = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String reply = jdkRoundTrip("/app/programmatic", "s", Map.of("Cookie", cookie));
        assertTrue(reply.startsWith("programmatic:s who=null http=remembered user=none " + ONDINE_SESSION), reply);
    }

    /** jakartaee/websocket#255: the configurator and the endpoint see the client socket's two ends, from Tomcat's request. */
    @Test
    void theConfiguratorAndTheEndpointSeeThePeersAddress() throws Exception {
        for (int i = 0; i < 2; i++) { // a second connection, from another port, sees its own
            try (RawWebSocket raw = new RawWebSocket(URI.create(ws + "/app/where"))) {
                String head = raw.handshake("");
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                String pair = raw.clientAddress() + ">" + raw.serverAddress();
                assertEquals("text:checkOrigin=" + pair + " modifyHandshake=" + pair + " properties=" + pair
                        + " session=" + pair + " properties=" + pair + " secure=false", raw.receive());
            }
        }
    }

    @Test
    void configuratorHeadersReachTheClient() throws Exception {
        BlockingQueue<String> headers = new ArrayBlockingQueue<>(1);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void afterResponse(HandshakeResponse hr) {
                List<String> v = hr.getHeaders().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("X-Ondine-Configurator")).map(Map.Entry::getValue)
                        .findFirst().orElse(List.of());
                headers.add(String.join(",", v));
            }
        }).build();
        Session s = OndineClients.newContainer().connectToServer(collector(new ArrayBlockingQueue<>(1)), config,
                URI.create(ws + "/app/programmatic"));
        s.close();
        assertEquals("modifyHandshake", headers.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void securedEndpointSeesTheUserPrincipal() throws Exception {
        assertEquals(401, handshakeStatus("/app/secure/ws"));
        String auth = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        String reply = jdkRoundTrip("/app/secure/ws", "p", Map.of("Authorization", auth));
        assertTrue(reply.startsWith("programmatic:p who=null http=null user=alice " + ONDINE_SESSION), reply);
    }

    @Test
    void closeCodesTravelBothWays() throws Exception {
        BlockingQueue<CloseReason> closed = new ArrayBlockingQueue<>(1);
        Session s = OndineClients.newContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.add(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create(ws + "/app/echo/close"));
        s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        CloseReason reason = closed.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(1000, reason.getCloseCode().getCode());
    }

    /**
     * A close the server starts (from an endpoint's thread or its idle timer, not a container
     * thread) must finish the closing handshake: the client gets the close frame and then the
     * end of the TCP connection from Tomcat, again and again.
     */
    @Test
    void serverInitiatedClosesFinishTheClosingHandshake() throws Exception {
        for (int i = 0; i < 20; i++) {
            for (String trigger : List.of("close", "idle")) {
                BlockingQueue<CloseReason> closed = new ArrayBlockingQueue<>(1);
                BlockingQueue<String> texts = new ArrayBlockingQueue<>(1);
                Session s = OndineClients.newContainer().connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
                    }

                    @Override
                    public void onClose(Session session, CloseReason reason) {
                        closed.add(reason);
                    }
                }, ClientEndpointConfig.Builder.create().build(), URI.create(ws + "/app/closer"));
                s.getBasicRemote().sendText(trigger);
                long start = System.nanoTime();
                CloseReason reason = closed.poll(3, TimeUnit.SECONDS);
                assertNotNull(reason, "round " + i + " (" + trigger + "): no close within 3 s");
                assertEquals(trigger.equals("close") ? 4001 : 1001, reason.getCloseCode().getCode(),
                        "round " + i + " (" + trigger + "): " + reason);
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "round " + i + " (" + trigger + ") took "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }
    }

    @Test
    void deploymentErrorLeavesNoEndpointButTheServletsAnswer() throws Exception {
        assertEquals(404, handshakeStatus("/broken/good"));
        assertEquals(404, handshakeStatus("/broken/invalid"));
        HttpResponse<String> hello = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/broken/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hello.statusCode());
        assertEquals("hello", hello.body());
    }

    @Test
    void endpointsCannotBeAddedOnceTheApplicationServes() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/app/late-deploy")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("IllegalStateException", r.body());
        assertEquals(404, handshakeStatus("/app/late"));
    }

    @Test
    void plainRequestsPassTheFilter() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/app/session?value=v")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("session started", r.body());
    }

    // ---------------------------------------------------------------- helpers

    private static String ondineRoundTrip(String path, String message, ClientEndpointConfig config) throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
        Session s = OndineClients.newContainer().connectToServer(collector(replies),
                config != null ? config : ClientEndpointConfig.Builder.create().build(), URI.create(ws + path));
        try {
            s.getBasicRemote().sendText(message);
            String reply = replies.poll(10, TimeUnit.SECONDS);
            assertNotNull(reply, "no reply from " + path);
            return reply;
        } finally {
            s.close();
        }
    }

    private static Endpoint collector(BlockingQueue<String> replies) {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
            }
        };
    }

    /** One text message and its answer by the JDK's client (the servlet suite's helper). */
    private static String jdkRoundTrip(String path, String message, Map<String, String> headers) throws Exception {
        return ServletContainerTest.roundTrip(URI.create(ws + path), message, headers);
    }

    /** The HTTP status of a WebSocket handshake to {@code path} (101 when it succeeds). */
    private static int handshakeStatus(String path) {
        return Spec.handshakeStatus(URI.create(ws + path));
    }

}
