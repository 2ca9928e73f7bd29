package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.LateAddApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ServerContainer} after deployment (Jakarta WebSocket 2.2, the {@code ServerContainer}
 * javadoc): {@code addEndpoint} is for the deployment phase only, and once the application is
 * deployed both forms throw {@code IllegalStateException}; nothing is added.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("server-container", LateAddApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void addEndpointOnceTheApplicationIsDeployedIsAnIllegalState() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "late-add"))) {
            assertEquals("IllegalStateException", p.ask("class"));
            assertEquals("IllegalStateException", p.ask("config"));
        }
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "late")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "late-config")));
    }
}
