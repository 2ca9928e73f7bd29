package dev.ondine.servlet.jetty;

import dev.ondine.servlet.arquillian.EmbeddedJettyContainer;
import dev.ondine.servlet.arquillian.ServletContainerConfiguration;
import dev.ondine.tck.servlet.app.AnnotatedEndpoint;
import dev.ondine.tck.servlet.app.Report;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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
 * {@code OndineSession}, and the closing handshake both ways. (The Arquillian suites on Jetty
 * run with -Pjetty; see docs/app-servers.md for the Jetty race that keeps them out of the
 * default build. The JDK client sends its first frame late enough not to meet it.)
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
        WebArchive war = ShrinkWrap.create(WebArchive.class, "jetty-app.war").addClasses(AnnotatedEndpoint.class, Report.class);
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

    @Test
    void plainRequestsReachJetty() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + "annotated/jetty")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode(), "a plain GET at an endpoint's path is not an upgrade");
    }
}
