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
 * on 127.0.0.1 and on free ports, Hazelcast off: {@link PayaraDomain}) and points the
 * container's {@code configurationXml} at it. The adapter reads the HTTP port back from the
 * running server, so the injected URLs carry the real one.
 */
public class LoopbackDomain {
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
            Files.writeString(domainXml, PayaraDomain.loopback(PayaraDomain.freePort(), PayaraDomain.freePort(),
                    PayaraDomain.freePort()));
            def.property("configurationXml", domainXml.toAbsolutePath().toString());
        }
    }
}
