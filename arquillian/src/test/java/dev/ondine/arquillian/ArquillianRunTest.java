package dev.ondine.arquillian;

import dev.ondine.arquillian.app.EchoEndpoint;
import jakarta.websocket.CloseReason;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through Arquillian itself: arquillian.xml, the deployment, URL and URI injection, the limits. */
@ExtendWith(ArquillianExtension.class)
class ArquillianRunTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "arq.war").addClass(EchoEndpoint.class);
    }

    @ArquillianResource
    URL url;

    @ArquillianResource
    URI uri;

    /** As the Jakarta WebSocket TCK's common client declares it. */
    @ArquillianResource
    @OperateOnDeployment("_DEFAULT_")
    URL defaultDeploymentUrl;

    @Test
    void theBaseAddressIsInjectedAndTheEndpointAnswers() throws Exception {
        assertTrue(url.toString().matches("http://127\\.0\\.0\\.1:\\d+/arq/"), url.toString());
        assertEquals(url.toURI(), uri);
        assertEquals(url, defaultDeploymentUrl);
        try (TextClient c = TextClient.connect(URI.create("ws" + url.toString().substring(4) + "echo"))) {
            assertEquals("x|/arq/echo|true|false", c.ask("x"));
        }
    }

    @Test
    void limitsComeFromArquillianXml() throws Exception {
        try (TextClient c = TextClient.connect(URI.create("ws" + url.toString().substring(4) + "echo"))) {
            c.ask("fits");
            c.sendOnly("y".repeat(2000));
            CloseReason reason = c.closed.get(5, TimeUnit.SECONDS);
            assertEquals(CloseReason.CloseCodes.TOO_BIG, reason.getCloseCode());
        }
    }
}
