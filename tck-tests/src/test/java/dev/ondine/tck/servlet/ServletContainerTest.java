package dev.ondine.tck.servlet;

import dev.ondine.tck.servlet.app.AnnotatedEndpoint;
import dev.ondine.tck.servlet.app.AppConfig;
import dev.ondine.tck.servlet.app.AppInitializer;
import dev.ondine.tck.servlet.app.BrokenApp;
import dev.ondine.tck.servlet.app.IdleEndpoint;
import dev.ondine.tck.servlet.app.Report;
import dev.ondine.tck.servlet.app.ReportingEndpoint;
import dev.ondine.tck.servlet.app.SessionConfigurator;
import dev.ondine.tck.servlet.app.SessionServlet;
import dev.ondine.tck.servlet.app.StartupListener;
import dev.ondine.tck.servlet.app.UpgradeServlet;
import dev.ondine.tck.spec.Spec;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only a servlet container can show (Jakarta WebSocket 2.2 §6, §5.2.1): endpoints added by
 * a ServletContainerInitializer and by a ServletContextListener through the
 * {@code jakarta.websocket.server.ServerContainer} context attribute, {@code upgradeHttpToWebSocket}
 * from a servlet, the HTTP session in {@code modifyHandshake}, a secured endpoint, a deployment
 * error beside a working servlet, plain requests through the filter. Every answer carries the
 * class of the server session, which must be Ondine's: the WARs carry Ondine's jars (system
 * property {@value Spec#LIBRARIES}), and the container has no WebSocket implementation of its own.
 *
 * <p>The secured endpoint needs a user in the container's realm with the role {@code user}:
 * the container's Arquillian configuration provides it, and the system properties
 * {@code ondine.tck.user} and {@code ondine.tck.password} name it (default {@code alice}/{@code secret}).
 * Not run by tck-tests itself (Ondine's standalone container has no servlets): servlet-tests runs it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ServletContainerTest {
    public static final String ONDINE_SESSION = "impl=dev.ondine.impl.jakarta.session.OndineSession";
    /** A web.xml that asks for BASIC authentication and the role {@code user} under {@code /secure/*}. */
    public static final String SECURED_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>secure</web-resource-name>
                  <url-pattern>/secure/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>ondine</realm-name></login-config>
              <security-role><role-name>user</role-name></security-role>
            </web-app>
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(name = "app", testable = false)
    static WebArchive app() {
        JavaArchive initializer = ShrinkWrap.create(JavaArchive.class, "app-initializer.jar")
                .addClass(AppInitializer.class)
                .addAsServiceProvider(ServletContainerInitializer.class, AppInitializer.class);
        return Spec.war("servlet-app", Report.class, ReportingEndpoint.class, AnnotatedEndpoint.class, AppConfig.class,
                        SessionConfigurator.class, SessionServlet.class, StartupListener.class, UpgradeServlet.class,
                        IdleEndpoint.class)
                .addAsLibrary(initializer)
                .setWebXML(new StringAsset(SECURED_WEB_XML));
    }

    @Deployment(name = "broken", testable = false)
    static WebArchive broken() {
        return Spec.war("servlet-broken", BrokenApp.class);
    }

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    @ArquillianResource
    @OperateOnDeployment("broken")
    URL broken;

    @Test
    void annotatedEndpointFoundInTheWar() throws Exception {
        String reply = roundTrip(Spec.ws(app, "annotated/blue"), "a", Map.of());
        assertTrue(reply.startsWith("annotated:a who=blue http=null user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void programmaticEndpointFromServerApplicationConfig() throws Exception {
        String reply = roundTrip(Spec.ws(app, "programmatic"), "p", Map.of());
        assertTrue(reply.startsWith("config:p who=null http=none user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void endpointAddedByAServletContainerInitializer() throws Exception {
        String reply = roundTrip(Spec.ws(app, "initializer"), "i", Map.of());
        assertTrue(reply.matches("initializer(-listener)?:i who=null http=null user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void endpointAddedByAServletContextListener() throws Exception {
        String reply = roundTrip(Spec.ws(app, "listener/bob"), "l", Map.of());
        assertTrue(reply.startsWith("listener:l who=bob http=null user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void upgradeHttpToWebSocketFromAServletWithPathParameters() throws Exception {
        String reply = roundTrip(Spec.ws(app, "upgrade/carol"), "u", Map.of());
        assertTrue(reply.startsWith("upgrade:u who=carol http=null user=none " + ONDINE_SESSION), reply);
        try (OndineReply ondine = OndineReply.open(Spec.ws(app, "upgrade/dave"))) {
            String r = ondine.ask("v");
            assertTrue(r.startsWith("upgrade:v who=dave http=null user=none " + ONDINE_SESSION), r);
        }
    }

    @Test
    void modifyHandshakeSeesTheHttpSession() throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(app + "session?value=remembered")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, started.statusCode());
        String cookie = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String reply = roundTrip(Spec.ws(app, "programmatic"), "s", Map.of("Cookie", cookie));
        assertTrue(reply.startsWith("config:s who=null http=remembered user=none " + ONDINE_SESSION), reply);
    }

    @Test
    void securedEndpointAsksForCredentialsAndSeesTheUserPrincipal() throws Exception {
        URI secure = Spec.ws(app, "secure/ws");
        assertEquals(401, Spec.handshakeStatus(secure));
        String user = System.getProperty("ondine.tck.user", "alice");
        String password = System.getProperty("ondine.tck.password", "secret");
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        assertEquals(401, Spec.handshakeStatus(secure, Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":wrong").getBytes(StandardCharsets.UTF_8)))));
        String reply = roundTrip(secure, "x", Map.of("Authorization", auth));
        assertTrue(reply.startsWith("secure:x who=null http=null user=" + user + " " + ONDINE_SESSION), reply);
    }

    @Test
    void deploymentErrorHaltsTheWebSocketDeploymentButNotTheServlets() throws Exception {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(broken, "good")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(broken, "invalid")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(broken, "probe")));
        HttpResponse<String> hello = HTTP.send(HttpRequest.newBuilder(URI.create(broken + "hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hello.statusCode());
        assertEquals("hello", hello.body());
    }

    @Test
    void plainRequestsPassTheFilter() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app + "session?value=v")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("session started", r.body());
        // A plain GET at an endpoint's path is not an upgrade: the container answers it as usual.
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create(app + "annotated/blue")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNotEquals(101, plain.statusCode());
        assertEquals(404, plain.statusCode());
    }

    /**
     * RFC 6455 §7.1.1: after its close frame the server may end the TCP connection once its
     * close timeout has passed. Here the close comes from the idle timer, with no container
     * thread in a callback, and the peer never answers and never sends: some containers act on
     * {@code WebConnection.close()} only when their own thread next handles the socket (Tomcat
     * kept such a socket open for good), so a hostile client could hold every socket closed
     * this way.
     */
    @Test
    void theServerEndsTheConnectionOfAPeerThatNeverAnswersItsClose() throws Exception {
        URI uri = Spec.ws(app, "idle");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            // The idle timeout's close frame: 0x88, a length under 126, then the code 1001.
            assertEquals(0x88, in.read(), "a close frame");
            int length = in.read();
            assertTrue(length >= 2 && length < 126, "length " + length);
            assertEquals(1001, (in.read() << 8) | in.read());
            in.readNBytes(length - 2);
            long start = System.nanoTime();
            int next;
            try {
                next = in.read(); // this peer never answers
            } catch (SocketTimeoutException e) {
                next = -2;
            } catch (SocketException e) {
                next = -1; // a reset ends it too
            }
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, next, "the server ended the TCP connection (waited " + waited + " ms)");
            assertTrue(waited < 20_000, "within the close timeout and the drain time: " + waited + " ms");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The response head, through its blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("EOF in the response head: " + b);
            }
            b.write(c);
            matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** One text message and its answer with {@code java.net.http.WebSocket} (an independent client), with request headers. */
    public static String roundTrip(URI uri, String message, Map<String, String> headers) throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    replies.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
            String reply = replies.poll(10, TimeUnit.SECONDS);
            assertNotNull(reply, "no reply from " + uri);
            return reply;
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }

    /** A session of Ondine's client. */
    static final class OndineReply extends Endpoint implements AutoCloseable {
        private final BlockingQueue<String> texts = new ArrayBlockingQueue<>(4);
        private Session session;

        static OndineReply open(URI uri) throws Exception {
            OndineReply r = new OndineReply();
            r.session = Spec.client().connectToServer(r, ClientEndpointConfig.Builder.create().build(), uri);
            return r;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
        }

        String ask(String text) throws Exception {
            session.getBasicRemote().sendText(text);
            String t = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(t, "no answer");
            return t;
        }

        @Override
        public void close() throws IOException {
            session.close();
        }
    }
}
