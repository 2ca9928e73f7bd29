package dev.ondine.servlet.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers this module's container with Arquillian (through {@code META-INF/services}):
 * {@link EmbeddedTomcatContainer}, or {@link EmbeddedJettyContainer} when the system property
 * {@code ondine.servlet.container} is {@code jetty}, {@link EmbeddedJettyEe11Container} when it is
 * {@code jetty-ee11}. Loaded by name, so that the other
 * server's classes need not be on the class path.
 */
public final class ServletContainersExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        String name = switch (System.getProperty("ondine.servlet.container", "tomcat")) {
            case "jetty" -> "dev.ondine.servlet.arquillian.EmbeddedJettyContainer";
            case "jetty-ee11" -> "dev.ondine.servlet.arquillian.EmbeddedJettyEe11Container";
            default -> "dev.ondine.servlet.arquillian.EmbeddedTomcatContainer";
        };
        try {
            @SuppressWarnings("rawtypes")
            Class<? extends DeployableContainer> c = Class.forName(name).asSubclass(DeployableContainer.class);
            builder.service(DeployableContainer.class, c);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
