package dev.ondine.arquillian;

import dev.ondine.api.Limits;
import dev.ondine.impl.standalone.DeploymentRouter;
import dev.ondine.impl.transport.nio.NioServer;
import org.jboss.arquillian.container.spi.client.container.ConfigurationMapper;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An Arquillian container for Ondine's standalone server: {@link #start()} starts one NIO
 * server, and each deployed archive (a {@code WebArchive}, or a {@code JavaArchive}) becomes
 * an application under its context path, with a class loader of its own, its endpoints found
 * and deployed as the specification says for a WAR. See {@link OndineStandaloneConfiguration}
 * for {@code arquillian.xml}.
 *
 * <p>Only client-mode tests ({@code @RunAsClient}, {@code @Deployment(testable = false)})
 * run here: there is no servlet container to run in-container tests in.
 *
 * <p>A WebSocket deployment error (§5.2.1) leaves the archive deployed without endpoints;
 * the error is logged once and kept in the archive's {@link DeploymentReport}, which
 * {@link #report(String)} gives by archive name. With {@code failOnDeploymentError},
 * {@code deploy()} throws instead.
 */
public final class OndineStandaloneContainer implements DeployableContainer<OndineStandaloneConfiguration> {
    private static final Map<String, DeploymentReport> REPORTS = new ConcurrentHashMap<>();

    private final Map<String, ArchiveDeployment> deployments = new ConcurrentHashMap<>();
    private OndineStandaloneConfiguration configuration;
    private Limits limits;
    private DeploymentRouter router;
    private NioServer server;

    /**
     * The report of the latest deployment of the archive named {@code archiveName} (such as
     * {@code "chat.war"}) on any Ondine standalone container of this JVM.
     */
    public static Optional<DeploymentReport> report(String archiveName) {
        return Optional.ofNullable(REPORTS.get(archiveName));
    }

    @Override
    public Class<OndineStandaloneConfiguration> getConfigurationClass() {
        return OndineStandaloneConfiguration.class;
    }

    @Override
    public ConfigurationMapper<OndineStandaloneConfiguration> getConfigurationMapper() {
        return new OndineStandaloneConfiguration.Mapper();
    }

    @Override
    public void setup(OndineStandaloneConfiguration configuration) {
        configuration.validate();
        this.configuration = configuration;
        this.limits = configuration.limits();
    }

    @Override
    public void start() throws LifecycleException {
        if (configuration == null) {
            setup(new OndineStandaloneConfiguration());
        }
        router = new DeploymentRouter();
        NioServer nio = new NioServer(new InetSocketAddress(configuration.getBindAddress(), configuration.getPort()),
                router, limits, configuration.getSelectorThreads());
        nio.setHttpResponder(router);
        try {
            nio.start();
        } catch (IOException e) {
            nio.stop(0, TimeUnit.MILLISECONDS);
            throw new LifecycleException("Cannot start Ondine on " + configuration.getBindAddress() + ":"
                    + configuration.getPort() + ": " + e.getMessage(), e);
        }
        server = nio;
    }

    @Override
    public void stop() throws LifecycleException {
        if (server == null) {
            return;
        }
        // Open connections get 1001 (RFC 6455 §7.4.1); then every application goes.
        server.stop(limits.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
        for (ArchiveDeployment d : deployments.values()) {
            d.undeploy(limits.closeTimeoutMillis());
        }
        deployments.clear();
        server = null;
        router = null;
    }

    /** The address the server listens on (with the real port when 0 was configured), or null when stopped. */
    public InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (server == null) {
            throw new DeploymentException("The Ondine container is not started");
        }
        String name = archive.getName();
        if (deployments.containsKey(name)) {
            throw new DeploymentException("An archive named " + name + " is already deployed");
        }
        ArchiveDeployment d;
        try {
            d = ArchiveDeployment.deploy(archive, router, limits);
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException("Cannot deploy " + name + ": " + e.getMessage(), e);
        }
        REPORTS.put(name, d.report());
        if (d.report().failed() && configuration.isFailOnDeploymentError()) {
            d.undeploy(limits.closeTimeoutMillis());
            throw new DeploymentException("Deployment of " + name + " failed: " + d.report().error());
        }
        deployments.put(name, d);
        InetSocketAddress bound = server.address();
        InetAddress a = bound.getAddress();
        String host = a == null || a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]"; // an IPv6 literal in a URL
        }
        HTTPContext http = new HTTPContext(host, bound.getPort());
        http.add(new Servlet("default", d.contextPath().isEmpty() ? "/" : d.contextPath()));
        return new ProtocolMetaData().addContext(http);
    }

    /** The deployment of the archive named {@code name}, or null (for this module's tests). */
    ArchiveDeployment deployment(String name) {
        return deployments.get(name);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        ArchiveDeployment d = deployments.remove(archive.getName());
        if (d == null) {
            throw new DeploymentException("No archive named " + archive.getName() + " is deployed");
        }
        d.undeploy(limits.closeTimeoutMillis());
    }
}
