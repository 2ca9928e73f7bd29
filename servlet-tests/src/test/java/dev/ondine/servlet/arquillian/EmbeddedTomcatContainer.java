package dev.ondine.servlet.arquillian;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Arquillian container for embedded Tomcat 11 <em>without</em> {@code tomcat-embed-websocket}:
 * one Tomcat on {@code bindAddress} and a free port; each ShrinkWrap WAR is exported (zipped,
 * expanded by Tomcat into its appBase) and added as a web application under its name ({@code chat.war} at {@code /chat},
 * {@code ROOT.war} at {@code /}). Like a standalone Tomcat's default {@code web.xml}, every
 * application gets the {@code DefaultServlet} at {@code /} (without it Tomcat answers 404
 * before any filter runs); the class path of the test JVM is not scanned (only the WAR's
 * {@code WEB-INF/classes} and {@code WEB-INF/lib}), so a WAR sees only its own endpoints.
 * Client mode only ({@code @RunAsClient}).
 */
public final class EmbeddedTomcatContainer implements DeployableContainer<ServletContainerConfiguration> {
    private final Map<String, Context> deployments = new ConcurrentHashMap<>();
    private ServletContainerConfiguration configuration = new ServletContainerConfiguration();
    private Tomcat tomcat;
    private Path base;

    @Override
    public Class<ServletContainerConfiguration> getConfigurationClass() {
        return ServletContainerConfiguration.class;
    }

    @Override
    public void setup(ServletContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            base = Files.createTempDirectory("ondine-arquillian-tomcat");
            Files.createDirectories(base.resolve("webapps"));
            Files.createDirectories(base.resolve("apps"));
        } catch (IOException e) {
            throw new LifecycleException("Cannot make Tomcat's base directory", e);
        }
        Tomcat t = new Tomcat();
        t.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(configuration.getPort());
        connector.setProperty("address", configuration.getBindAddress());
        t.setConnector(connector);
        t.setAddDefaultWebXmlToWebapp(false);
        t.getHost().setAppBase(base.resolve("webapps").toString());
        t.getHost().setAutoDeploy(false);
        for (String[] user : configuration.userTriples()) {
            t.addUser(user[0], user[1]);
            t.addRole(user[0], user[2]);
        }
        try {
            t.start();
        } catch (org.apache.catalina.LifecycleException e) {
            throw new LifecycleException("Cannot start Tomcat on " + configuration.getBindAddress() + ":" + configuration.getPort(), e);
        }
        tomcat = t;
    }

    @Override
    public void stop() throws LifecycleException {
        if (tomcat == null) {
            return;
        }
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (org.apache.catalina.LifecycleException e) {
            throw new LifecycleException("Cannot stop Tomcat", e);
        } finally {
            tomcat = null;
            deployments.clear();
            TempDirs.delete(base);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (tomcat == null) {
            throw new DeploymentException("Tomcat is not started");
        }
        String name = archive.getName();
        String baseName = name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
        String contextPath = baseName.equals("ROOT") ? "" : "/" + baseName;
        if (deployments.containsKey(name)) {
            throw new DeploymentException("An archive named " + name + " is already deployed");
        }
        // A zipped WAR, which Tomcat expands into the host's appBase. (ShrinkWrap's ExplodedExporter
        // would explode the jars of WEB-INF/lib too, and Tomcat looks for services and
        // ServletContainerInitializers only in real jars there.)
        File war = base.resolve("apps").resolve(baseName + ".war").toFile();
        archive.as(ZipExporter.class).exportTo(war, true);
        Context ctx;
        // Starting an application may leave its class loader as this thread's context loader; the
        // client side of the tests (ContainerProvider, ServerEndpointConfig's default configurator)
        // looks services up through it, so it is put back.
        Thread thread = Thread.currentThread();
        ClassLoader testLoader = thread.getContextClassLoader();
        try {
            ctx = tomcat.addWebapp(tomcat.getHost(), contextPath, war.getAbsolutePath(), new TestContextConfig());
        } catch (RuntimeException e) {
            throw new DeploymentException("Cannot deploy " + name + ": " + e, e);
        } finally {
            thread.setContextClassLoader(testLoader);
        }
        if (ctx.getState() != LifecycleState.STARTED) {
            tomcat.getHost().removeChild(ctx);
            throw new DeploymentException("Tomcat did not start " + name + " (state " + ctx.getState() + ")");
        }
        deployments.put(name, ctx);
        HTTPContext http = new HTTPContext(configuration.getBindAddress(), tomcat.getConnector().getLocalPort());
        http.add(new Servlet("default", contextPath.isEmpty() ? "/" : contextPath));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Context ctx = deployments.remove(archive.getName());
        if (ctx == null) {
            throw new DeploymentException("No archive named " + archive.getName() + " is deployed");
        }
        Thread thread = Thread.currentThread();
        ClassLoader testLoader = thread.getContextClassLoader();
        try {
            tomcat.getHost().removeChild(ctx); // stops and destroys the application
        } finally {
            thread.setContextClassLoader(testLoader);
        }
        String baseName = archive.getName().replaceFirst("\\.war$", "");
        TempDirs.delete(base.resolve("apps").resolve(baseName + ".war"));
        TempDirs.delete(base.resolve("webapps").resolve(baseName));
    }

    /**
     * Tomcat's ContextConfig, plus what a standalone Tomcat's conf/web.xml and context.xml
     * give every application here: the DefaultServlet at "/" (added before the application's
     * own web.xml is read, so an application mapping "/" still wins), and no scan of the class
     * path outside the WAR.
     */
    private static final class TestContextConfig extends ContextConfig {
        @Override
        public void lifecycleEvent(LifecycleEvent event) {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Context ctx = (Context) event.getLifecycle();
                Tomcat.addServlet(ctx, "default", new DefaultServlet()).addInitParameter("listings", "false");
                ctx.addServletMappingDecoded("/", "default");
                ctx.addWelcomeFile("index.html");
                ((StandardJarScanner) ctx.getJarScanner()).setScanClassPath(false);
            }
            super.lifecycleEvent(event);
        }
    }
}
