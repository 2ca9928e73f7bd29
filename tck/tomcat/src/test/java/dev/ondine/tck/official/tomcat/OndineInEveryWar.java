package dev.ondine.tck.official.tomcat;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * Puts Ondine's jars (the {@code ondine.tck.libraries} list) into {@code WEB-INF/lib} of every
 * WAR the official TCK deploys, as an application that brings its own WebSocket
 * implementation carries it: the TCK's archives hold only its own classes. Arquillian applies
 * archive processors to testable deployments only, and the TCK deploys in client mode, so the
 * archive is completed just before the container deploys it.
 */
public final class OndineInEveryWar implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(OndineInEveryWar.class);
    }

    public void complete(@Observes BeforeDeploy event) {
        DeploymentDescription deployment = event.getDeployment();
        if (deployment.isArchiveDeployment() && deployment.getArchive() instanceof WebArchive war) {
            for (String jar : System.getProperty("ondine.tck.libraries", "").split(File.pathSeparator)) {
                if (!jar.isBlank() && !war.contains("WEB-INF/lib/" + new File(jar).getName())) {
                    war.addAsLibrary(new File(jar));
                }
            }
        }
    }
}
