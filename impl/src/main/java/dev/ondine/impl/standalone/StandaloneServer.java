package dev.ondine.impl.standalone;

import dev.ondine.api.OndineServer;
import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.spi.ServerSettings;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.metrics.MetricsMBeans;
import dev.ondine.impl.jakarta.server.ApplicationDeployment;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.transport.HttpResponder;
import dev.ondine.impl.transport.nio.NioServer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ondine's standalone server: a {@link OndineServerContainer} served by a {@link NioServer},
 * with one pool for endpoint code.
 */
public final class StandaloneServer implements OndineServer {
    private final OndineServerContainer container;
    private final NioServer nio;
    private final ExecutorService pool;
    private final long closeTimeoutMillis;
    private final MetricsMBeans published;
    private volatile boolean stopped;

    private StandaloneServer(OndineServerContainer container, NioServer nio, ExecutorService pool, long closeTimeoutMillis) {
        this.container = container;
        this.nio = nio;
        this.pool = pool;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.published = MetricsMBeans.register(container.metrics());
    }

    /** Deploys the settings' endpoints, then binds and starts serving. */
    public static StandaloneServer start(ServerSettings settings) throws IOException, DeploymentException {
        ExecutorService pool = DispatchExecutors.create("ondine-endpoint");
        OndineServerContainer container = new OndineServerContainer(settings.limits(), pool,
                OndineClients.newContainer(settings.limits()));
        container.setOriginPolicy(settings.originPolicy());
        try {
            for (Class<?> c : settings.endpointClasses()) {
                container.addEndpoint(c);
            }
            for (ServerEndpointConfig config : settings.endpointConfigs()) {
                container.addEndpoint(config);
            }
            if (!settings.scanned().isEmpty()) {
                ApplicationDeployment.deploy(container, new LinkedHashSet<>(settings.scanned()));
            }
            container.endDeployment();
        } catch (DeploymentException | RuntimeException e) {
            pool.shutdownNow();
            throw e;
        }
        NioServer nio = new NioServer(new InetSocketAddress(settings.host(), settings.port()), container.acceptor(),
                settings.limits(), settings.selectorThreads());
        // Configurators, endpoint constructors and static files run on the pool, not on a selector thread.
        nio.setApplicationExecutor(pool);
        if (settings.tls() != null) {
            try {
                nio.setTls(settings.tls().createSslContext(), settings.tls().protocols(), settings.tls().clientAuth());
            } catch (IOException | RuntimeException e) {
                pool.shutdownNow();
                throw e;
            }
        }
        HttpResponder responder = null;
        if (settings.staticFolder() != null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            responder = new StaticResources(loader != null ? loader : StandaloneServer.class.getClassLoader(),
                    settings.staticFolder());
        }
        if (!settings.httpGetHandlers().isEmpty()) {
            responder = new HttpGetRoutes(settings.httpGetHandlers(), responder);
        }
        if (responder != null) {
            nio.setHttpResponder(responder);
        }
        try {
            nio.start();
        } catch (IOException e) {
            pool.shutdownNow();
            throw e;
        }
        return new StandaloneServer(container, nio, pool, settings.limits().closeTimeoutMillis());
    }

    @Override
    public InetSocketAddress address() {
        return nio.address();
    }

    @Override
    public ServerContainer container() {
        return container;
    }

    /** Open sockets, in the handshake or WebSocket phase (for tests and monitoring). */
    public int connectionCount() {
        return nio.connectionCount();
    }

    /** The Ondine container, for what the Jakarta interface does not offer. */
    public OndineServerContainer ondineContainer() {
        return container;
    }

    @Override
    public ApplicationMetrics metrics() {
        return container.metrics();
    }

    /** The server's JMX MBeans (and its place in {@code OndineMetrics.applications()}), until it stops. */
    public MetricsMBeans publishedMetrics() {
        return published;
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        // The NIO server closes every open connection with 1001 (RFC 6455 §7.4.1) and waits
        // for the closing handshakes; the endpoints' onClose calls run on the pool after that.
        nio.stop(closeTimeoutMillis, TimeUnit.MILLISECONDS);
        container.undeployAll(CloseCodes.GOING_AWAY, "Server shutting down");
        DispatchExecutors.shutdown(pool, closeTimeoutMillis);
        published.close();
    }
}
