package dev.ondine.servlet.arquillian;

import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;
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
 * An Arquillian container for embedded Jetty 12 ee10 <em>without</em> jetty-ee10-websocket:
 * one {@link Server} with a connector on {@code bindAddress} and a free port, a
 * {@link HashLoginService} named {@code ondine} holding the configured users (the suites'
 * web.xml names that realm), and each ShrinkWrap WAR as a web application under its
 * name, with annotation scanning ({@code @WebServlet}, {@code @WebListener}, the
 * {@code @HandlesTypes} of ServletContainerInitializers) of the WAR only, made by a
 * {@link JettyWebApps} of the chosen environment (ee10 here, ee11 in
 * {@link EmbeddedJettyEe11Container}). Client mode only ({@code @RunAsClient}).
 */
public class EmbeddedJettyContainer implements DeployableContainer<ServletContainerConfiguration> {
    private final JettyWebApps webApps;
    private final Map<String, Handler> deployments = new ConcurrentHashMap<>();
    private ServletContainerConfiguration configuration = new ServletContainerConfiguration();
    private Server server;
    private ServerConnector connector;
    private ContextHandlerCollection contexts;
    private Path base;

    public EmbeddedJettyContainer() {
        this(new JettyWebApps.Ee10());
    }

    protected EmbeddedJettyContainer(JettyWebApps webApps) {
        this.webApps = webApps;
    }

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
            base = Files.createTempDirectory("ondine-arquillian-jetty");
        } catch (IOException e) {
            throw new LifecycleException("Cannot make Jetty's base directory", e);
        }
        Server s = new Server();
        ServerConnector c = new ServerConnector(s);
        c.setHost(configuration.getBindAddress());
        c.setPort(configuration.getPort());
        s.addConnector(c);
        UserStore users = new UserStore();
        for (String[] user : configuration.userTriples()) {
            users.addUser(user[0], Credential.getCredential(user[1]), new String[] {user[2]});
        }
        HashLoginService login = new HashLoginService("ondine");
        login.setUserStore(users);
        s.addBean(login);
        contexts = new ContextHandlerCollection();
        s.setHandler(contexts);
        try {
            s.start();
        } catch (Exception e) {
            throw new LifecycleException("Cannot start Jetty on " + configuration.getBindAddress() + ":" + configuration.getPort(), e);
        }
        server = s;
        connector = c;
    }

    @Override
    public void stop() throws LifecycleException {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new LifecycleException("Cannot stop Jetty", e);
        } finally {
            server = null;
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
        if (server == null) {
            throw new DeploymentException("Jetty is not started");
        }
        String name = archive.getName();
        String baseName = name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
        String contextPath = baseName.equals("ROOT") ? "/" : "/" + baseName;
        if (deployments.containsKey(name)) {
            throw new DeploymentException("An archive named " + name + " is already deployed");
        }
        File war = base.resolve(baseName + ".war").toFile();
        archive.as(ZipExporter.class).exportTo(war, true);
        Handler ctx = webApps.create(contextPath, war, base.resolve("work-" + baseName).toFile());
        contexts.addHandler(ctx);
        try {
            ctx.start();
        } catch (Exception e) {
            contexts.removeHandler(ctx);
            throw new DeploymentException("Cannot deploy " + name + ": " + e, e);
        }
        deployments.put(name, ctx);
        HTTPContext http = new HTTPContext(configuration.getBindAddress(), connector.getLocalPort());
        http.add(new Servlet("default", contextPath));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Handler ctx = deployments.remove(archive.getName());
        if (ctx == null) {
            throw new DeploymentException("No archive named " + archive.getName() + " is deployed");
        }
        try {
            ctx.stop();
        } catch (Exception e) {
            throw new DeploymentException("Cannot stop " + archive.getName(), e);
        } finally {
            contexts.removeHandler(ctx);
        }
    }
}
