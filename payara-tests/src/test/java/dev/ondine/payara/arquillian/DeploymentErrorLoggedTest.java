package dev.ondine.payara.arquillian;

import dev.ondine.tck.spec.app.DuplicatePathApp;
import dev.ondine.tck.spec.app.InvalidEndpointApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Payara, the part of the suite's {@code DeploymentErrorTest} that reads the error Ondine's
 * standalone adapter reports has nothing to read (the check returns early on another
 * container). Here the same applications are deployed, and the server's log (Ondine's SEVERE
 * records, {@link OndineLog}) must name the application, the class and the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentErrorLoggedTest {

    @Deployment(name = "duplicate", testable = false)
    static WebArchive duplicate() {
        return ShrinkWrap.create(WebArchive.class, "logged-duplicate-path.war").addClasses(DuplicatePathApp.class);
    }

    @Deployment(name = "invalid", testable = false)
    static WebArchive invalid() {
        return ShrinkWrap.create(WebArchive.class, "logged-invalid-endpoint.war").addClasses(InvalidEndpointApp.class);
    }

    @Test
    void theServerLogNamesTheApplicationTheClassAndTheReason() {
        List<String> severe = OndineLog.severe();
        assertTrue(severe.stream().anyMatch(m -> m.contains("'/logged-duplicate-path'") && m.contains("'/same'")
                && (m.contains(DuplicatePathApp.First.class.getName()) || m.contains(DuplicatePathApp.Second.class.getName()))),
                String.join("\n", severe));
        assertTrue(severe.stream().anyMatch(m -> m.contains("'/logged-invalid-endpoint'")
                && m.contains(InvalidEndpointApp.TwoTextMethods.class.getName())), String.join("\n", severe));
    }
}
