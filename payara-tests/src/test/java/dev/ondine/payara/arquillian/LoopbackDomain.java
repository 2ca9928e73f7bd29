package dev.ondine.payara.arquillian;

import dev.ondine.payara.PayaraDomain;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before Payara's Arquillian container is set up: writes the test domain.xml (every listener
 * on 127.0.0.1 and on free ports, Hazelcast off: {@link PayaraDomain}; a file realm {@value #REALM}
 * with one user) and points the
 * container's {@code configurationXml} at it. The adapter reads the HTTP port back from the
 * running server, so the injected URLs carry the real one.
 */
public class LoopbackDomain {
    /**
     * The file realm of the secured-endpoint tests (a WAR's {@code <login-config>} names it) and
     * its one user, in the group {@code user}, which is also the role (default principal-to-role
     * mapping). The same defaults as the servlet suite's {@code ondine.tck.user} and {@code ondine.tck.password}.
     */
    static final String REALM = "ondine";
    static final String USER = System.getProperty("ondine.tck.user", "alice");
    static final String PASSWORD = System.getProperty("ondine.tck.password", "secret");
    static final String ROLE = "user";

    @Inject
    private Instance<ContainerRegistry> registry;

    public void writeDomain(@Observes BeforeSetup event) throws Exception {
        for (Container c : registry.get().getContainers()) {
            if (c.getDeployableContainer() != event.getDeployableContainer()) {
                continue;
            }
            ContainerDef def = c.getContainerConfiguration();
            Path dir = Path.of(System.getProperty("ondine.work", "target/payara"), "arquillian");
            Files.createDirectories(dir);
            Path domainXml = dir.resolve("domain.xml");
            Path keyfile = dir.resolve("ondine-keyfile");
            PayaraDomain.writeKeyfile(keyfile, USER, PASSWORD, ROLE);
            Files.writeString(domainXml, PayaraDomain.withFileRealm(PayaraDomain.loopback(PayaraDomain.freePort(),
                    PayaraDomain.freePort(), PayaraDomain.freePort()), REALM, keyfile));
            def.property("configurationXml", domainXml.toAbsolutePath().toString());
        }
    }
}
