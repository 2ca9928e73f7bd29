package dev.ondine.impl.jakarta.server;

import dev.ondine.api.Limits;
import dev.ondine.api.OriginPolicy;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.client.OndineClient;
import dev.ondine.api.client.ReconnectPolicy;
import dev.ondine.api.client.Reconnecting;
import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
import dev.ondine.impl.jakarta.broadcast.ContainerGroups;
import dev.ondine.impl.jakarta.metrics.ApplicationTally;
import dev.ondine.impl.jakarta.session.ContainerDefaults;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.RateLimitedSummary;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;

/**
 * Ondine's {@link ServerContainer} (Jakarta WebSocket 2.2 §6.4): it deploys annotated and
 * programmatic endpoints at their paths, decides on upgrade requests through
 * {@link ServerUpgradeAcceptor}, and (as every container is also a
 * {@link WebSocketContainer}) opens client connections through a client container, whose
 * {@link OndineClient} extensions (asynchronous connect, reconnect) it offers too.
 */
public class OndineServerContainer extends ContainerDefaults implements ServerContainer, Groups.Owner, OndineClient {
    private final EndpointRegistry registry = new EndpointRegistry();
    /** Endpoints reached through upgradeHttpToWebSocket, by configuration. */
    private final ConcurrentMap<ServerEndpointConfig, EndpointRegistration> direct =
            new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final WebSocketContainer client;
    private final ServerUpgradeAcceptor acceptor;
    private final String contextPath;
    private final RateLimitedSummary<Integer> protocolErrors;
    private final ApplicationTally tally;
    private final ContainerGroups groups;
    private volatile boolean deploymentEnded;
    private volatile OriginPolicy originPolicy = OriginPolicy.fromProperties(System::getProperty);

    /**
     * @param limits the engine limits (their message and idle values are this container's defaults)
     * @param pool the threads that run endpoint code
     * @param client the container that {@code connectToServer} delegates to
     */
    public OndineServerContainer(Limits limits, ExecutorService pool, WebSocketContainer client) {
        this(limits, pool, client, "");
    }

    /**
     * A container for one application under {@code contextPath} (such as {@code "/chat"}, or
     * {@code ""} or {@code "/"} for the root): endpoint paths are relative to it, and a
     * session's request URI keeps the full path.
     */
    public OndineServerContainer(Limits limits, ExecutorService pool, WebSocketContainer client, String contextPath) {
        super(limits);
        this.contextPath = normalizeContextPath(contextPath);
        this.protocolErrors = OndineSession.protocolErrorSummary("at " + (this.contextPath.isEmpty() ? "/" : this.contextPath));
        this.pool = pool;
        this.client = client;
        this.acceptor = new ServerUpgradeAcceptor(this, registry);
        this.groups = new ContainerGroups(this, "at " + (this.contextPath.isEmpty() ? "/" : this.contextPath));
        this.tally = new ApplicationTally(this.contextPath, this::endpointMetrics, groups);
    }

    /** The application's named groups of sessions ({@code Groups.of(session)}). */
    @Override
    public ContainerGroups groups() {
        return groups;
    }

    /**
     * The application's counters and gauges, per endpoint (read-only, live): what JMX and
     * {@code ondine-micrometer} publish.
     */
    public ApplicationMetrics metrics() {
        return tally;
    }

    ApplicationTally tally() {
        return tally;
    }

    private List<EndpointMetrics> endpointMetrics() {
        List<EndpointMetrics> list = new ArrayList<>();
        for (EndpointRegistration r : registry.all()) {
            list.add(r.metrics);
        }
        for (EndpointRegistration r : direct.values()) {
            list.add(r.metrics);
        }
        return list;
    }

    /** What the transports ask about upgrade requests. */
    public ServerUpgradeAcceptor acceptor() {
        return acceptor;
    }

    public Limits limits() {
        return limits;
    }

    /** The browser origins the default configurator accepts (RFC 6455 §10.2). */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    public void setOriginPolicy(OriginPolicy policy) {
        this.originPolicy = Objects.requireNonNull(policy, "policy");
    }

    /** The context path: {@code ""} for the root, else {@code "/name"} (no trailing slash). */
    public String contextPath() {
        return contextPath;
    }

    /** The summary of the peers' protocol errors in this container's sessions (one INFO line a minute at most). */
    public RateLimitedSummary<Integer> protocolErrors() {
        return protocolErrors;
    }

    /**
     * {@code requestPath} relative to the context path (at least {@code "/"}), or null when
     * the request is not for this application.
     */
    public String relativePath(String requestPath) {
        return relativePath(contextPath, requestPath);
    }

    /** As {@link #relativePath(String)}, for a normalized {@code contextPath}. */
    public static String relativePath(String contextPath, String requestPath) {
        if (contextPath.isEmpty()) {
            return requestPath;
        }
        if (!requestPath.startsWith(contextPath)) {
            return null;
        }
        String rest = requestPath.substring(contextPath.length());
        if (rest.isEmpty()) {
            return "/";
        }
        return rest.charAt(0) == '/' ? rest : null;
    }

    /** {@code ""} for the root, else one leading slash and no trailing one. */
    public static String normalizeContextPath(String path) {
        String p = path == null ? "" : path.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return p;
    }

    ExecutorService pool() {
        return pool;
    }

    /**
     * Whether endpoints that opt in ({@link dev.ondine.api.OnReadingThread}) run their
     * callbacks on the reading thread: on Ondine's own transport, yes; a container whose bytes
     * are read by threads Ondine does not own (a servlet container) says no.
     */
    protected boolean callbacksOnReadingThread() {
        return true;
    }

    // ---------------------------------------------------------------- deployment

    /**
     * Ends the application's deployment phase: from now on {@code addEndpoint} throws
     * {@link IllegalStateException} ({@code ServerContainer.addEndpoint}: "if the containing
     * websocket application has already been deployed"). The standalone server calls it once
     * its endpoints are deployed, before it starts serving.
     */
    public void endDeployment() {
        deploymentEnded = true;
    }

    private void checkDeploying() {
        if (deploymentEnded) {
            throw new IllegalStateException("The application has already been deployed: endpoints can be added only"
                    + " while it deploys (ServerContainer.addEndpoint)");
        }
    }

    /**
     * Deploys an annotated endpoint (Jakarta WebSocket 2.2 §3.1, §4.1): the class must carry
     * {@code @ServerEndpoint}; it is validated completely now.
     */
    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkDeploying();
        if (endpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint");
        }
        UriTemplate template = template(annotation.value(), endpointClass);
        AnnotatedEndpointModel model = AnnotatedEndpointModel.forServer(endpointClass, new HashSet<>(template.variables()));
        // Ondine's own default unless the annotation names one: the API's ServiceLoader lookup
        // could find another implementation's default when several are on the class path.
        ServerEndpointConfig.Configurator configurator = new DefaultServerConfigurator();
        if (annotation.configurator() != ServerEndpointConfig.Configurator.class) {
            configurator = instantiateConfigurator(endpointClass, annotation.configurator());
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .decoders(Arrays.asList(annotation.decoders()))
                .encoders(Arrays.asList(annotation.encoders()))
                .subprotocols(Arrays.asList(annotation.subprotocols()))
                .configurator(configurator)
                .build();
        registry.add(new EndpointRegistration(config, template, model));
    }

    /**
     * Deploys an endpoint by its configuration: a programmatic {@link Endpoint} subclass or
     * an annotated class (Jakarta WebSocket 2.2 §6.4).
     */
    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkDeploying();
        if (config == null) {
            throw new DeploymentException("The endpoint configuration must not be null");
        }
        Class<?> type = config.getEndpointClass();
        if (type == null) {
            throw new DeploymentException("The endpoint configuration for '" + config.getPath() + "' has no endpoint class");
        }
        UriTemplate template = template(config.getPath(), type);
        AnnotatedEndpointModel model = null;
        if (!Endpoint.class.isAssignableFrom(type)) {
            if (type.getAnnotation(ServerEndpoint.class) == null) {
                throw new DeploymentException(type.getName() + " neither extends jakarta.websocket.Endpoint nor is annotated with @ServerEndpoint");
            }
            model = AnnotatedEndpointModel.forServer(type, new HashSet<>(template.variables()));
        }
        registry.add(new EndpointRegistration(config, template, model));
    }

    /**
     * The registration of an endpoint that is not deployed at a path but reached through
     * {@link #upgradeHttpToWebSocket}: validated once per configuration and kept, so that
     * its sessions see each other ({@code Session.getOpenSessions()}).
     */
    EndpointRegistration registrationFor(ServerEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("The endpoint configuration must not be null");
        }
        EndpointRegistration known = direct.get(config);
        if (known != null) {
            return known;
        }
        Class<?> type = config.getEndpointClass();
        if (type == null) {
            throw new DeploymentException("The endpoint configuration for '" + config.getPath() + "' has no endpoint class");
        }
        UriTemplate template = template(config.getPath() == null || config.getPath().isEmpty() ? "/" : config.getPath(), type);
        AnnotatedEndpointModel model = null;
        if (!Endpoint.class.isAssignableFrom(type)) {
            if (type.getAnnotation(ServerEndpoint.class) == null) {
                throw new DeploymentException(type.getName() + " neither extends jakarta.websocket.Endpoint nor is annotated with @ServerEndpoint");
            }
            model = AnnotatedEndpointModel.forServer(type, new HashSet<>(template.variables()));
        }
        EndpointRegistration created = new EndpointRegistration(config, template, model);
        EndpointRegistration raced = direct.putIfAbsent(config, created);
        return raced != null ? raced : created;
    }

    /** Whether a deployed endpoint matches {@code requestPath} (the full path, as sent). */
    public boolean hasEndpointAt(String requestPath) {
        String path = relativePath(requestPath);
        return path != null && registry.find(path) != null;
    }

    /** The paths deployed, in the order they were added. */
    public List<String> paths() {
        return registry.all().stream().map(r -> r.template.template()).toList();
    }

    /**
     * Who serves what, in one line for the log once the application is deployed:
     * {@code "Ondine 0.1.0 serves /myapp: /echo (EchoEndpoint), /chat/{room} (ChatEndpoint)"}.
     */
    public String servesLine() {
        StringJoiner endpoints = new StringJoiner(", ");
        for (EndpointRegistration r : registry.all()) {
            endpoints.add(r.template.template() + " (" + r.config.getEndpointClass().getSimpleName() + ")");
        }
        return "Ondine " + OndineVersion.get() + " serves " + (contextPath.isEmpty() ? "/" : contextPath) + ": "
                + (endpoints.length() == 0 ? "no endpoints" : endpoints.toString());
    }

    /** Removes the endpoints whose paths are not in {@code keep} (undoing a failed deployment). */
    void removeEndpointsExcept(List<String> keep) {
        for (EndpointRegistration r : registry.all()) {
            if (!keep.contains(r.template.template())) {
                registry.remove(r);
            }
        }
    }

    /**
     * Removes every endpoint and closes their sessions with {@code code} (1001 when the
     * server goes away).
     */
    public void undeployAll(int code, String reason) {
        undeploy(code, reason);
    }

    /**
     * As {@link #undeployAll(int, String)}, then waits up to {@code timeoutMillis} for the
     * sessions' {@code onClose} calls to have run.
     *
     * @return whether every session ended in time
     */
    public boolean undeployAll(int code, String reason, long timeoutMillis) throws InterruptedException {
        List<EndpointRegistration> removed = undeploy(code, reason);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (EndpointRegistration r : removed) {
            while (r.sessions.size() > 0) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    private List<EndpointRegistration> undeploy(int code, String reason) {
        List<EndpointRegistration> all = new ArrayList<>(registry.all());
        all.addAll(direct.values());
        direct.clear();
        for (EndpointRegistration r : all) {
            registry.remove(r);
            for (OndineSession s : r.sessions.all()) {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                } catch (IOException | IllegalStateException ignored) {
                    // the session is already going
                }
            }
        }
        protocolErrors.flush();
        groups.shutdown();
        return all;
    }

    /**
     * Not available on the standalone server, which has no servlet requests: the servlet
     * transport's container provides it (Jakarta WebSocket 2.2 §6.4).
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws IOException, DeploymentException {
        throw new DeploymentException("upgradeHttpToWebSocket needs a servlet container; Ondine's standalone server has none");
    }

    /** The endpoint's path template; an invalid path is reported with the endpoint's class. */
    private static UriTemplate template(String path, Class<?> endpointClass) throws DeploymentException {
        try {
            return UriTemplate.parse(path);
        } catch (DeploymentException e) {
            throw new DeploymentException(endpointClass.getName() + ": " + e.getMessage(), e);
        }
    }

    private static ServerEndpointConfig.Configurator instantiateConfigurator(Class<?> endpoint,
                                                                           Class<? extends ServerEndpointConfig.Configurator> type)
            throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("Cannot create the configurator " + type.getName() + " of " + endpoint.getName()
                    + ": it needs a public no-argument constructor", e);
        }
    }

    // ---------------------------------------------------------------- WebSocketContainer



    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client.connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client.connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client.connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client.connectToServer(endpointClass, cec, path);
    }

    // ---------------------------------------------------------------- OndineClient

    /** The client extensions of the container this one connects through. */
    private OndineClient ondineClient() {
        return OndineClient.of(client);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Object annotatedEndpointInstance, URI uri) {
        return ondineClient().connectAsync(annotatedEndpointInstance, uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Class<?> annotatedEndpointClass, URI uri) {
        return ondineClient().connectAsync(annotatedEndpointClass, uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Endpoint endpoint, ClientEndpointConfig config, URI uri) {
        return ondineClient().connectAsync(endpoint, config, uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Class<? extends Endpoint> endpointClass, ClientEndpointConfig config,
                                                   URI uri) {
        return ondineClient().connectAsync(endpointClass, config, uri);
    }

    @Override
    public Reconnecting reconnect(Endpoint endpoint, ClientEndpointConfig config, URI uri, ReconnectPolicy policy) {
        return ondineClient().reconnect(endpoint, config, uri, policy);
    }

    @Override
    public Reconnecting reconnect(Object annotatedEndpointInstance, URI uri, ReconnectPolicy policy) {
        return ondineClient().reconnect(annotatedEndpointInstance, uri, policy);
    }
}
