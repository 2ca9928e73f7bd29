package dev.ondine.payara.arquillian;

import dev.ondine.payara.arquillian.check.ServedByEndpoint;
import dev.ondine.payara.arquillian.check.ServedByServlet;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * Adds to every WAR what Payara needs for Ondine to serve it, the way an application would
 * carry it:
 * <ul>
 * <li>Ondine's jars in {@code WEB-INF/lib} (the {@code ondine.tck.libraries} list: ondine-api,
 * ondine-impl, and ondine-payara, whose {@code fish.payara.web.loader.ServletContainerInitializerBlacklist}
 * removes Tyrus's initializer), where the test did not add them already;</li>
 * <li>{@code WEB-INF/glassfish-web.xml} with {@code <class-loader delegate="false"/>}: the WAR's
 * classes and jars first, as the Servlet specification recommends (Payara's default asks the
 * parent first, and in embedded Payara the parent is the test class path, which holds the
 * suite's application classes and Ondine for the client side);</li>
 * <li>the check endpoint and servlet of {@link ServedByOndine}.</li>
 * </ul>
 */
public class ArchiveForPayara {
    static final String GLASSFISH_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN" "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
            <glassfish-web-app>
              <class-loader delegate="false"/>
            </glassfish-web-app>
            """;

    /**
     * Arquillian applies an {@code ApplicationArchiveProcessor} to testable deployments only; the
     * suites deploy in client mode ({@code testable = false}), so the archive is completed here,
     * just before the container deploys it.
     */
    public void complete(@Observes BeforeDeploy event) {
        DeploymentDescription deployment = event.getDeployment();
        if (deployment.isArchiveDeployment() && deployment.getArchive() instanceof WebArchive war) {
            process(war);
        }
    }

    static void process(WebArchive war) {
        for (String jar : System.getProperty("ondine.tck.libraries", "").split(File.pathSeparator)) {
            if (!jar.isBlank() && !war.contains("WEB-INF/lib/" + new File(jar).getName())) {
                war.addAsLibrary(new File(jar));
            }
        }
        if (!war.contains("WEB-INF/glassfish-web.xml")) {
            war.addAsWebInfResource(new StringAsset(GLASSFISH_WEB_XML), "glassfish-web.xml");
        }
        war.addClasses(ServedByEndpoint.class, ServedByServlet.class);
        String export = System.getProperty("ondine.payara.exportWars");
        if (export != null) {
            File dir = new File(export);
            dir.mkdirs();
            war.as(ZipExporter.class).exportTo(new File(dir, war.getName()), true);
        }
    }
}
