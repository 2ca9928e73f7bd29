package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.DuplicatePathApp;
import dev.ondine.tck.spec.app.InvalidEndpointApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.net.URL;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.2.1: a deployment error halts the application's WebSocket deployment; none of its
 * endpoints is in service, including valid ones; the archive itself stays deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentErrorTest {

    @Deployment(name = "duplicate", testable = false)
    static WebArchive duplicate() {
        return Spec.war("duplicate-path", DuplicatePathApp.class);
    }

    @Deployment(name = "invalid", testable = false)
    static WebArchive invalid() {
        return Spec.war("invalid-endpoint", InvalidEndpointApp.class);
    }

    @ArquillianResource
    @OperateOnDeployment("duplicate")
    URL duplicateBase;

    @ArquillianResource
    @OperateOnDeployment("invalid")
    URL invalidBase;

    @Test
    void aDuplicatePathDeploysNoEndpointOfTheApplication() {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(duplicateBase, "same")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(duplicateBase, "valid")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(duplicateBase, "probe")));
    }

    @Test
    void anInvalidEndpointDeploysNoEndpointOfTheApplication() {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(invalidBase, "two-text-methods")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(invalidBase, "valid")));
    }

    @Test
    void theErrorIsReportedNamingTheClassAndTheReason() throws Exception {
        Optional<String> duplicate = reportedError("duplicate-path.war");
        Optional<String> invalid = reportedError("invalid-endpoint.war");
        if (duplicate.isEmpty() && invalid.isEmpty()) {
            return; // not on Ondine's standalone container: the server's log has the errors
        }
        String d = duplicate.orElseThrow();
        assertTrue(d.contains("/same") && (d.contains(DuplicatePathApp.Second.class.getName()) || d.contains(DuplicatePathApp.First.class.getName())), d);
        String i = invalid.orElseThrow();
        assertTrue(i.contains(InvalidEndpointApp.TwoTextMethods.class.getName()), i);
    }

    /**
     * The error Ondine's standalone adapter reports for an archive, found by name so that
     * this suite compiles and runs without the adapter (on another container).
     */
    private static Optional<String> reportedError(String archive) throws Exception {
        Class<?> adapter;
        try {
            adapter = Class.forName("dev.ondine.arquillian.OndineStandaloneContainer");
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        Optional<?> report = (Optional<?>) adapter.getMethod("report", String.class).invoke(null, archive);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        Method error = report.get().getClass().getMethod("error");
        return Optional.ofNullable((String) error.invoke(report.get()));
    }
}
