package dev.ondine.servlet.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link EmbeddedTomcatContainer} with Arquillian (through {@code META-INF/services}). */
public final class EmbeddedTomcatExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, EmbeddedTomcatContainer.class);
    }
}
