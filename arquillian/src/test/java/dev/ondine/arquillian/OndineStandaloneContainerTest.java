package dev.ondine.arquillian;

import com.sun.example.app.SunPackageEndpoint;
import dev.ondine.api.fixture.ShadowedEndpoint;
import dev.ondine.arquillian.app.EchoEndpoint;
import dev.ondine.arquillian.app.NotAServlet;
import dev.ondine.arquillian.app.OtherEndpoint;
import dev.ondine.arquillian.app.SamePathEndpoint;
import jakarta.websocket.CloseReason;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The adapter driven directly, as Arquillian drives it: start, deploy, undeploy, stop. */
class OndineStandaloneContainerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OndineStandaloneContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        startWith("ondine.closeTimeoutMillis", "2000");
    }

    /** A container on a free port with these properties (name, value, ...). */
    private void startWith(String... properties) throws Exception {
        OndineStandaloneConfiguration config = new OndineStandaloneConfiguration();
        config.set("port", "0");
        for (int i = 0; i < properties.length; i += 2) {
            config.set(properties[i], properties[i + 1]);
        }
        container = new OndineStandaloneContainer();
        container.setup(config);
        container.start();
        port = container.address().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        container.stop();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP status a WebSocket handshake at {@code path} gets (101 when it succeeds). */
    private int handshakeStatus(String path) {
        try {
            WebSocket w = http.newWebSocketBuilder().buildAsync(ws(path), new WebSocket.Listener() { }).join();
            w.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static WebArchive echoWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addClass(EchoEndpoint.class)
                .addAsWebResource(new StringAsset("<h1>echo</h1>"), "index.html")
                .addAsWebInfResource(new StringAsset("secret"), "secret.txt");
    }

    @Test
    void aWarIsServedUnderItsContextPathWithItsOwnClassLoader() throws Exception {
        ProtocolMetaData meta = container.deploy(echoWar("echo.war"));
        HTTPContext http = meta.getContexts(HTTPContext.class).iterator().next();
        assertEquals(URI.create("http://127.0.0.1:" + port + "/echo/"), http.getServlets().get(0).getBaseURI());

        try (TextClient c = TextClient.connect(ws("/echo/echo"))) {
            // full request path; callbacks run with the archive's loader as TCCL; not the test's copy of the class
            assertEquals("hi|/echo/echo|true|false", c.ask("hi"));
        }
        assertEquals("<h1>echo</h1>", get("/echo/").body());
        assertEquals(404, get("/echo/WEB-INF/secret.txt").statusCode());
        assertEquals(404, handshakeStatus("/other/echo"));
        assertEquals(404, handshakeStatus("/echo/nothing"));
        DeploymentReport report = OndineStandaloneContainer.report("echo.war").orElseThrow();
        assertEquals(java.util.List.of("/echo"), report.endpointPaths());
        assertFalse(report.failed());
    }

    @Test
    void rootWarAndJavaArchiveContextPaths() throws Exception {
        container.deploy(echoWar("ROOT.war"));
        container.deploy(ShrinkWrap.create(JavaArchive.class, "lib.jar").addClass(OtherEndpoint.class));
        try (TextClient root = TextClient.connect(ws("/echo")); TextClient lib = TextClient.connect(ws("/lib/other"))) {
            assertEquals("a|/echo|true|false", root.ask("a"));
            assertEquals("other:b", lib.ask("b"));
        }
        assertEquals("<h1>echo</h1>", get("/index.html").body());
    }

    @Test
    void aSecondArchiveForATakenContextPathIsRefusedAndTheFirstStays() throws Exception {
        container.deploy(echoWar("twice.war"));
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.deploy(ShrinkWrap.create(JavaArchive.class, "twice.jar").addClass(OtherEndpoint.class)));
        assertTrue(e.getMessage().contains("/twice"), e.getMessage());
        try (TextClient c = TextClient.connect(ws("/twice/echo"))) {
            assertEquals("t|/twice/echo|true|false", c.ask("t"));
        }
    }

    @Test
    void undeployClosesSessionsWith1001AndReleasesTheClassLoader() throws Exception {
        WebArchive war = echoWar("gone.war");
        container.deploy(war);
        WeakReference<ClassLoader> loader = new WeakReference<>(container.deployment("gone.war").classLoader());
        TextClient c = TextClient.connect(ws("/gone/echo"));
        c.ask("x");
        container.undeploy(war);

        CloseReason reason = c.closed.get(5, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode());
        assertEquals(404, handshakeStatus("/gone/echo"));
        assertEquals(404, get("/gone/").statusCode());

        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "something still holds the undeployed archive's class loader");
    }

    @Test
    void aDeploymentErrorLeavesTheArchiveDeployedWithoutEndpoints() throws Exception {
        container.deploy(ShrinkWrap.create(WebArchive.class, "dup.war")
                .addClasses(OtherEndpoint.class, EchoEndpoint.class, SamePathEndpoint.class)
                .addAsWebResource(new StringAsset("still here"), "index.html"));
        DeploymentReport report = OndineStandaloneContainer.report("dup.war").orElseThrow();
        assertTrue(report.failed());
        assertTrue(report.error().contains("/echo"), report.error());
        assertTrue(report.error().contains(SamePathEndpoint.class.getName())
                || report.error().contains(EchoEndpoint.class.getName()), report.error());
        assertTrue(report.endpointPaths().isEmpty());
        assertEquals(404, handshakeStatus("/dup/echo"));
        assertEquals(404, handshakeStatus("/dup/other"), "a valid endpoint deployed before the error is removed");
        assertEquals("still here", get("/dup/").body());
    }

    @Test
    void failOnDeploymentErrorMakesDeployThrow() throws Exception {
        container.stop();
        startWith("failOnDeploymentError", "true");
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(
                ShrinkWrap.create(WebArchive.class, "bad.war").addClasses(EchoEndpoint.class, SamePathEndpoint.class)));
        assertTrue(e.getMessage().contains("bad.war") && e.getMessage().contains("/echo"), e.getMessage());
        assertNull(container.deployment("bad.war"));
        assertEquals(404, get("/bad/").statusCode());
    }

    @Test
    void servletOnlyPartsAreReportedAndTheWebSocketPartsDeploy() throws Exception {
        container.deploy(echoWar("mixed.war").addClass(NotAServlet.class)
                .addAsWebInfResource(new StringAsset("<web-app><filter/><filter/></web-app>"), "web.xml"));
        DeploymentReport report = OndineStandaloneContainer.report("mixed.war").orElseThrow();
        assertEquals(2, report.ignored().size(), report.ignored().toString());
        assertEquals("WEB-INF/web.xml <filter>", report.ignored().get(0));
        assertTrue(report.ignored().get(1).startsWith(NotAServlet.class.getName() + " (HttpSessionListener)"),
                report.ignored().toString());
        try (TextClient c = TextClient.connect(ws("/mixed/echo"))) {
            assertEquals("m|/mixed/echo|true|false", c.ask("m"));
        }
    }

    /** The official TCK's endpoints are com.sun.ts.tests.* classes, on the test class path as well. */
    @Test
    void anEndpointInAComSunPackageDeploysFromTheArchive() throws Exception {
        container.deploy(ShrinkWrap.create(WebArchive.class, "sun.war").addClass(SunPackageEndpoint.class));
        DeploymentReport report = OndineStandaloneContainer.report("sun.war").orElseThrow();
        assertEquals(List.of("/sun"), report.endpointPaths());
        assertEquals(List.of(), report.warnings());
        try (TextClient c = TextClient.connect(ws("/sun/sun"))) {
            assertEquals("sun:x", c.ask("x"));
        }
    }

    @Test
    void shadowedEndpointsAndAnArchiveWithoutEndpointsAreWarnedAbout() throws Exception {
        container.deploy(ShrinkWrap.create(WebArchive.class, "shadow.war").addClass(ShadowedEndpoint.class));
        DeploymentReport report = OndineStandaloneContainer.report("shadow.war").orElseThrow();
        assertEquals(2, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).contains(ShadowedEndpoint.class.getName()), report.warnings().toString());
        assertTrue(report.warnings().get(1).startsWith("no WebSocket endpoint deployed"), report.warnings().toString());
        assertEquals(404, handshakeStatus("/shadow/shadowed"));
    }

    @Test
    void configurationByArquillianXmlNames() {
        OndineStandaloneConfiguration config = new OndineStandaloneConfiguration();
        assertEquals("127.0.0.1", config.getBindAddress());
        assertEquals(8080, config.getPort());
        config.set("ondine.maxTextMessageBytes", "4096");
        config.set("bindAddress", "localhost");
        assertEquals(4096, config.limits().maxTextMessageBytes());
        assertThrows(RuntimeException.class, () -> config.set("ondine.noSuchLimit", "1"));
        assertThrows(RuntimeException.class, () -> config.set("colour", "blue"));
        config.set("ondine.idleTimeoutMillis", "soon");
        assertThrows(RuntimeException.class, config::validate);
        assertNotNull(OndineStandaloneConfiguration.LIMIT_NAMES);
        try {
            config.set("port", "x");
            fail("port must be a number");
        } catch (RuntimeException expected) {
            // expected
        }
    }
}
