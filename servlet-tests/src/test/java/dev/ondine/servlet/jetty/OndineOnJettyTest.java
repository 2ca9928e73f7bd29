package dev.ondine.servlet.jetty;

import dev.ondine.api.Limits;
import dev.ondine.servlet.arquillian.EmbeddedJettyContainer;
import dev.ondine.servlet.arquillian.ServletContainerConfiguration;
import dev.ondine.tck.servlet.app.AnnotatedEndpoint;
import dev.ondine.servlet.app.WhereConfigurator;
import dev.ondine.servlet.app.WhereEndpoint;
import dev.ondine.tck.servlet.app.Report;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ondine's servlet transport serving a WAR in embedded Jetty 12 ee10 without Jetty's WebSocket
 * support (no jetty-ee10-websocket on the class path): the WAR carries Ondine's jars, Jetty
 * finds Ondine's initializer and scans the WAR; the JDK client's handshake, an echo served by
 * {@code OndineSession}, and the closing handshake both ways; a raw client's first frame sent
 * the moment the 101 arrives. (The Arquillian suites on Jetty run with -Pjetty; they stay out
 * of the default build because of the Jetty behaviour that
 * {@link #jettyEndsTheUpgradedInputOfAHandshakeWithoutContentLength} pins down, see
 * docs/app-servers.md, "Jetty 12 ee10". The JDK client sends {@code Content-Length: 0} and is
 * not affected.)
 */
class OndineOnJettyTest {
    private static final String ONDINE_SESSION = "impl=dev.ondine.impl.jakarta.session.OndineSession";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedJettyContainer jetty;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        jetty = new EmbeddedJettyContainer();
        jetty.setup(new ServletContainerConfiguration());
        jetty.start();
        WebArchive war = ShrinkWrap.create(WebArchive.class, "jetty-app.war").addClasses(AnnotatedEndpoint.class, Report.class,
                WhereEndpoint.class, WhereConfigurator.class)
                // WhereEndpoint reads the connection from the user properties too (off by default: the TCK counts them).
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>" + Limits.CONNECTION_PROPERTIES + "</param-name>"
                        + "<param-value>true</param-value></context-param></web-app>"));
        for (String jar : System.getProperty("ondine.tck.libraries").split(File.pathSeparator)) {
            war.addAsLibrary(new File(jar));
        }
        HTTPContext http = jetty.deploy(war).getContexts(HTTPContext.class).iterator().next();
        base = "127.0.0.1:" + http.getPort() + "/jetty-app/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    @Test
    void handshakeEchoAndCloseServedByOndine() throws Exception {
        BlockingQueue<String> texts = new ArrayBlockingQueue<>(4);
        BlockingQueue<Integer> closes = new ArrayBlockingQueue<>(1);
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://" + base + "annotated/jetty"), new WebSocket.Listener() {
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
                closes.add(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        String reply = texts.poll(10, TimeUnit.SECONDS);
        assertNotNull(reply, "no echo");
        assertTrue(reply.startsWith("annotated:hello who=jetty http=null user=none " + ONDINE_SESSION), reply);
        ws.sendClose(4100, "bye").get(5, TimeUnit.SECONDS);
        Integer code = closes.poll(10, TimeUnit.SECONDS);
        assertEquals(4100, code, "the server echoes the client's close code");
    }

    /**
     * RFC 6455 §4.1: once the client has the 101 it may send frames at once. Jetty writes the 101
     * itself when it switches the connection (Servlet 6.0 §2.3.3.5; its
     * {@code ServletChannel.doUpgrade} flushes the response, then starts the tunnel, then calls
     * {@code init}), so there is no window in which a frame meets Jetty's HTTP parser: the frame
     * sent with no pause after the 101 is answered by the endpoint. The handshake carries
     * {@code Content-Length: 0}, as the JDK client's does (see the next test for why).
     */
    @Test
    void aFrameSentTheMomentThe101ArrivesIsAnswered() throws Exception {
        URI uri = URI.create("ws://" + base + "annotated/raw");
        try (RawWebSocket ws = new RawWebSocket(uri)) {
            String head = ws.handshake("Content-Length: 0\r\n");
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            ws.sendText("now");
            String reply = ws.receive();
            assertTrue(reply.startsWith("text:annotated:now who=raw "), reply);
        }
    }

    /**
     * Jetty 12.1.14's behaviour, not Ondine's choice: for a handshake without
     * {@code Content-Length} or {@code Transfer-Encoding} (browsers send neither, nor does
     * Ondine's client) whose first frame is not in the same TCP segment as its head, Jetty has
     * already parsed the request's empty body to its end before the servlet runs, and the
     * upgraded {@code ServletInputStream} reports that end ({@code onAllDataRead},
     * {@code read() == -1}) for good. Ondine takes it as the peer's end of input and closes the
     * connection; Jetty completes the request and parses the client's first frame as the next
     * HTTP request: 400. Nothing reaches the endpoint. When this test fails after a Jetty
     * upgrade, Jetty delivers the frame now: run the suites with -Pjetty and move them into the
     * default build (docs/app-servers.md, "Jetty 12 ee10").
     */
    @Test
    void jettyEndsTheUpgradedInputOfAHandshakeWithoutContentLength() throws Exception {
        URI uri = URI.create("ws://" + base + "annotated/raw");
        try (RawWebSocket ws = new RawWebSocket(uri)) {
            String head = ws.handshake("");
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            ws.sendText("now");
            String reply = ws.receive();
            assertTrue(reply.startsWith("other:HTTP/1.1 400"),
                    "Jetty answered the first frame otherwise than with a 400; has it stopped ending the upgraded input? " + reply);
        }
    }

    /** jakartaee/websocket#255: the configurator and the endpoint see the client socket's two ends, from Jetty's request. */
    @Test
    void theConfiguratorAndTheEndpointSeeThePeersAddress() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(URI.create("ws://" + base + "where"))) {
            String head = ws.handshake("Content-Length: 0\r\n");
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            String pair = ws.clientAddress() + ">" + ws.serverAddress();
            assertEquals("text:checkOrigin=" + pair + " modifyHandshake=" + pair + " properties=" + pair
                    + " session=" + pair + " properties=" + pair + " secure=false", ws.receive());
        }
    }

    @Test
    void plainRequestsReachJetty() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + "annotated/jetty")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode(), "a plain GET at an endpoint's path is not an upgrade");
    }
}
