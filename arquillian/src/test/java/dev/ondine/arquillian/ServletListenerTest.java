package dev.ondine.arquillian;

import dev.ondine.arquillian.app.EchoEndpoint;
import dev.ondine.arquillian.app.EchoOnlyConfig;
import dev.ondine.arquillian.app.OtherEndpoint;
import dev.ondine.arquillian.app.SamePathEndpoint;
import dev.ondine.arquillian.listen.AddingInitializer;
import dev.ondine.arquillian.listen.AnnotatedListener;
import dev.ondine.arquillian.listen.DeclaredListener;
import dev.ondine.arquillian.listen.DuplicatingListener;
import dev.ondine.arquillian.listen.LateEndpoint;
import dev.ondine.arquillian.listen.LateOnlyConfig;
import dev.ondine.arquillian.listen.Registry;
import dev.ondine.arquillian.listen.ThrowingListener;
import dev.ondine.arquillian.listen.UpgradingServlet;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servlet context listeners and initializers of an archive on the standalone server: they
 * run when it deploys, with the archive's ServerContainer in the servlet context, and may add
 * endpoints until the deployment is over.
 */
class ServletListenerTest {
    private OndineStandaloneContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        OndineStandaloneConfiguration config = new OndineStandaloneConfiguration();
        config.set("port", "0");
        config.set("ondine.closeTimeoutMillis", "2000");
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

    private int handshakeStatus(String path) {
        HttpClient http = HttpClient.newHttpClient();
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

    private static WebArchive listenerWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(OtherEndpoint.class, LateEndpoint.class, Registry.class, LateOnlyConfig.class);
    }

    @Test
    void anAnnotatedListenerAddsAnEndpointThenAddingIsOverAndUndeployDestroysIt() throws Exception {
        WebArchive war = listenerWar("listen.war").addClass(AnnotatedListener.class);
        container.deploy(war);
        try (TextClient other = TextClient.connect(ws("/listen/other"));
             TextClient late = TextClient.connect(ws("/listen/late"))) {
            assertEquals("other:a", other.ask("a"));
            // §6.4: after the deployment, addEndpoint throws IllegalStateException
            assertEquals("IllegalStateException|init /listen null null true true", late.ask("x"));
        }
        DeploymentReport report = OndineStandaloneContainer.report("listen.war").orElseThrow();
        assertEquals(List.of(), report.ignored());
        assertTrue(report.endpointPaths().containsAll(List.of("/late", "/other")), report.endpointPaths().toString());

        System.clearProperty("ondine.arquillian.destroyed/listen");
        container.undeploy(war);
        assertEquals("AnnotatedListener", System.getProperty("ondine.arquillian.destroyed/listen"));
    }

    @Test
    void aWebXmlListenerSeesTheContextParametersAndTheDisplayName() throws Exception {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <display-name>Listening</display-name>
                  <context-param><param-name>greeting</param-name><param-value>hello</param-value></context-param>
                  <listener><listener-class>%s</listener-class></listener>
                  <servlet><servlet-name>s</servlet-name><servlet-class>nope.S</servlet-class></servlet>
                </web-app>""".formatted(DeclaredListener.class.getName());
        WebArchive war = listenerWar("xml.war").addClass(DeclaredListener.class)
                .addAsWebInfResource(new StringAsset(webXml), "web.xml");
        container.deploy(war);
        try (TextClient late = TextClient.connect(ws("/xml/late"))) {
            assertEquals("IllegalStateException|init /xml hello Listening true true", late.ask("x"));
        }
        assertEquals(List.of("WEB-INF/web.xml <servlet>"), OndineStandaloneContainer.report("xml.war").orElseThrow().ignored());
        container.undeploy(war);
        assertEquals("DeclaredListener", System.getProperty("ondine.arquillian.destroyed/xml"));
    }

    @Test
    void anInitializerOfALibraryJarAddsAListener() throws Exception {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "initializer.jar").addClass(AddingInitializer.class)
                .addAsManifestResource(new StringAsset(AddingInitializer.class.getName() + "\n"),
                        "services/jakarta.servlet.ServletContainerInitializer");
        container.deploy(listenerWar("sci.war").addClass(DeclaredListener.class).addAsLibrary(lib));
        try (TextClient other = TextClient.connect(ws("/sci/other"))) {
            assertEquals("other:b", other.ask("b"));
        }
    }

    @Test
    void aDeploymentErrorInAListenerRemovesEveryEndpointAndStopsFurtherAdditions() throws Exception {
        System.clearProperty("ondine.arquillian.duplicate");
        System.clearProperty("ondine.arquillian.afterDuplicate");
        container.deploy(ShrinkWrap.create(WebArchive.class, "dupl.war")
                .addClasses(EchoEndpoint.class, SamePathEndpoint.class, DuplicatingListener.class, LateEndpoint.class,
                        Registry.class, OtherEndpoint.class)
                // only EchoEndpoint is scanned into service: the application config leaves the rest out
                .addClass(EchoOnlyConfig.class));
        assertEquals("DeploymentException", System.getProperty("ondine.arquillian.duplicate"));
        assertEquals("DeploymentException", System.getProperty("ondine.arquillian.afterDuplicate"));
        DeploymentReport report = OndineStandaloneContainer.report("dupl.war").orElseThrow();
        assertTrue(report.failed());
        assertTrue(report.error().contains("/echo"), report.error());
        assertEquals(List.of(), report.endpointPaths());
        assertEquals(404, handshakeStatus("/dupl/echo"), "the scanned endpoint deployed before the error is removed");
        assertEquals(404, handshakeStatus("/dupl/late"));
    }

    @Test
    void aServletUpgradesAHandshakeToItsPathWithUpgradeHttpToWebSocket() throws Exception {
        container.deploy(ShrinkWrap.create(WebArchive.class, "servlet.war")
                .addClasses(UpgradingServlet.class, OtherEndpoint.class, LateEndpoint.class, Registry.class,
                        LateOnlyConfig.class));
        try (TextClient c = TextClient.connect(ws("/servlet/by-servlet/x?a=b"))) {
            assertEquals("other:s", c.ask("s"));
        }
        assertEquals(403, handshakeStatus("/servlet/by-servlet/x?refuse=yes"));
        assertEquals(101, handshakeStatus("/servlet/late"), "an endpoint's path is the endpoint's");
        assertEquals(404, handshakeStatus("/servlet/elsewhere"));
        assertEquals(List.of(), OndineStandaloneContainer.report("servlet.war").orElseThrow().ignored());
    }

    @Test
    void aListenerThatThrowsFailsTheDeploymentAsOnAWebContainer() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(
                ShrinkWrap.create(WebArchive.class, "broken.war").addClasses(ThrowingListener.class, EchoEndpoint.class)));
        assertTrue(e.getMessage().contains(ThrowingListener.class.getName()) && e.getMessage().contains("no database"),
                e.getMessage());
        assertNull(container.deployment("broken.war"));
    }
}
