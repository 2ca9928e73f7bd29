package dev.ondine.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link OndineStandaloneContainer} with Arquillian (through {@code META-INF/services}). */
public final class OndineStandaloneExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, OndineStandaloneContainer.class);
    }
}
