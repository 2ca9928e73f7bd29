package dev.ondine.api;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.spi.ServerProvider;
import dev.ondine.api.spi.ServerSettings;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Ondine's standalone WebSocket server, with no servlet container:
 *
 * <pre>{@code
 * OndineServer server = OndineServer.builder()
 *         .host("127.0.0.1").port(8080)
 *         .endpoint(EchoEndpoint.class)
 *         .start();
 * ...
 * server.stop();   // closes open sessions with 1001 (going away)
 * }</pre>
 *
 * The implementation is found with {@link ServiceLoader} ({@code ondine-impl} on the class
 * path provides it).
 */
public interface OndineServer extends AutoCloseable {

    /** A builder with the defaults: 127.0.0.1, port 8080, limits from system properties. */
    static Builder builder() {
        return new Builder();
    }

    /** The address the server listens on (the real port when 0 was asked for). */
    InetSocketAddress address();

    /** The server's container, to deploy more endpoints or change session defaults. */
    ServerContainer container();

    /**
     * The server's counters and gauges, per endpoint, read live (also published as JMX MBeans
     * {@code dev.ondine:type=Application,...} and {@code dev.ondine:type=Endpoint,...} while
     * the server runs).
     */
    ApplicationMetrics metrics();

    /**
     * Stops accepting, closes open sessions with 1001 and waits (at most the close timeout)
     * for their closing handshakes, then releases every thread. Idempotent.
     */
    void stop();

    @Override
    default void close() {
        stop();
    }

    /** Collects the server's settings and starts it. */
    final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Limits limits;
        private int selectorThreads;
        private final List<Class<?>> endpointClasses = new ArrayList<>();
        private final List<ServerEndpointConfig> endpointConfigs = new ArrayList<>();
        private final Set<Class<?>> scanned = new LinkedHashSet<>();
        private String staticFolder;
        private OriginPolicy originPolicy;
        private TlsConfig tls;
        private final Map<String, HttpGetHandler> httpGetHandlers = new LinkedHashMap<>();

        private Builder() {
        }

        /** The address to listen on (a name or a literal IPv4/IPv6 address). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** The engine's limits (default: {@link Limits#fromSystemProperties()}). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Selector threads; 0 (the default) means one per available processor. */
        public Builder selectorThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("selectorThreads must not be negative: " + threads);
            }
            this.selectorThreads = threads;
            return this;
        }

        /** Deploys annotated ({@code @ServerEndpoint}) classes. */
        public Builder endpoint(Class<?>... annotatedEndpoints) {
            endpointClasses.addAll(Arrays.asList(annotatedEndpoints));
            return this;
        }

        /** Deploys an endpoint by its configuration (a programmatic endpoint, typically). */
        public Builder endpoint(ServerEndpointConfig config) {
            endpointConfigs.add(Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Deploys classes as if scanned from an application (Jakarta WebSocket 2.2 §6.2):
         * {@code ServerApplicationConfig} implementations among them choose what is deployed
         * from the {@code @ServerEndpoint} classes and {@code Endpoint} subclasses; without
         * one, every {@code @ServerEndpoint} class is deployed.
         */
        public Builder scanned(Class<?>... classes) {
            scanned.addAll(Arrays.asList(classes));
            return this;
        }

        /**
         * Serves the files of a class-path folder (such as {@code "static"}) to plain HTTP
         * GET and HEAD requests: the pages of a browser application. {@code /} serves
         * {@code index.html}.
         */
        public Builder staticResources(String classPathFolder) {
            this.staticFolder = Objects.requireNonNull(classPathFolder, "classPathFolder");
            return this;
        }

        /**
         * Answers plain HTTP GET and HEAD requests for {@code path} (exactly; the query is
         * ignored for the match and passed to the handler) with {@code handler}'s response,
         * made for each request: a metrics page for a scraper, say. Handlers come before the
         * static resources; other methods on the path get 405; a WebSocket upgrade request for
         * the path is still a WebSocket handshake.
         *
         * @param path an absolute path such as {@code "/metrics"}
         */
        public Builder httpGet(String path, HttpGetHandler handler) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("The path must start with '/': " + path);
            }
            httpGetHandlers.put(path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Which browser origins may connect (default: the server's own and those of the
         * {@value OriginPolicy#ALLOWED_ORIGINS} system property). Applied by the default
         * configurator's {@code checkOrigin}; refused handshakes get 403.
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Serves {@code wss://} only, with this certificate and key (default: the
         * {@code ondine.tls.*} system properties of {@link TlsConfig} if set, else plain
         * {@code ws://}).
         * Sessions then report {@code isSecure()} and a {@code wss://} request URI.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Starts the server. A deployment error (an invalid endpoint, a duplicate path)
         * stops it again and is thrown, naming the class and the reason.
         */
        public OndineServer start() throws IOException, DeploymentException {
            Limits l = limits != null ? limits : Limits.fromSystemProperties();
            ServerSettings settings = new ServerSettings(host, port, l, selectorThreads,
                    List.copyOf(endpointClasses), List.copyOf(endpointConfigs), List.copyOf(scanned), staticFolder,
                    originPolicy != null ? originPolicy : OriginPolicy.fromProperties(System::getProperty),
                    tls != null ? tls : TlsConfig.fromProperties(System::getProperty), Map.copyOf(httpGetHandlers));
            Iterator<ServerProvider> providers = ServiceLoader.load(ServerProvider.class, classLoader()).iterator();
            if (!providers.hasNext()) {
                providers = ServiceLoader.load(ServerProvider.class, OndineServer.class.getClassLoader()).iterator();
            }
            if (!providers.hasNext()) {
                throw new IllegalStateException("No Ondine implementation found: add dev.ondine:ondine-impl to the class path");
            }
            return providers.next().start(settings);
        }

        private static ClassLoader classLoader() {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            return tccl != null ? tccl : OndineServer.class.getClassLoader();
        }
    }
}
