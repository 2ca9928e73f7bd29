package dev.ondine.impl.jakarta.client;

import dev.ondine.api.Limits;
import dev.ondine.api.broadcast.Groups;
import dev.ondine.api.client.ClientProperties;
import dev.ondine.api.client.OndineClient;
import dev.ondine.api.client.ReconnectPolicy;
import dev.ondine.api.client.Reconnecting;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpoint;
import dev.ondine.impl.jakarta.broadcast.ContainerGroups;
import dev.ondine.impl.jakarta.server.QueryParameters;
import dev.ondine.impl.jakarta.session.ContainerDefaults;
import dev.ondine.impl.jakarta.session.NegotiatedExtension;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.RateLimitedSummary;
import dev.ondine.impl.jakarta.session.ReadingThreadEndpoint;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.jakarta.session.SessionRegistry;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateNegotiation;
import dev.ondine.impl.protocol.deflate.DeflateNegotiationException;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.ExtensionOffer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.transport.ClientConnector;
import dev.ondine.impl.transport.ClientProxy;
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;

/**
 * Ondine's client {@link WebSocketContainer} (Jakarta WebSocket 2.2 §2.1, §6.1): it opens
 * connections through the {@link ClientConnector} it is given (Ondine's NIO client, as the
 * bootstraps in {@code dev.ondine.impl.client} wire it), runs the client configurator around the opening
 * handshake, and returns the session once the endpoint's {@code onOpen} has run. As an
 * {@link OndineClient} it also connects without blocking ({@link #connectAsync}, which the
 * blocking {@code connectToServer} waits on: {@link ConnectAttempt}) and keeps connections
 * that reconnect by themselves ({@link #reconnect}: {@link Reconnector}).
 *
 * <p>A server that refuses the handshake yields a {@link DeploymentException} naming the
 * status it answered; a network failure or timeout yields an {@link IOException}, and so does
 * a failed TLS handshake on {@code wss://} (an untrusted certificate, or one that does not
 * name the host: see {@link #SSL_CONTEXT_PROPERTY} and
 * {@link #DISABLE_HOSTNAME_VERIFICATION_PROPERTY}).
 *
 * <p>A connection may go through an HTTP proxy ({@code CONNECT}): the one the configuration
 * names ({@link dev.ondine.api.client.ClientProperties#PROXY}), else the one
 * {@link java.net.ProxySelector#getDefault()} chooses (see {@link ProxyChoice}). A proxy that
 * cannot be reached, does not answer, refuses the tunnel or the credentials yields an
 * {@link IOException} naming the proxy and what it answered; a property holding what it may
 * not, a {@link DeploymentException}.
 */
public class OndineClientContainer extends ContainerDefaults implements Groups.Owner, OndineClient {
    /**
     * Time allowed for the TCP connection and the opening handshake, in milliseconds, as a
     * user property of a {@link ClientEndpointConfig} (default: the handshake timeout).
     */
    public static final String CONNECT_TIMEOUT_PROPERTY = ClientProperties.CONNECT_TIMEOUT_MILLIS;
    /**
     * {@code true} (a Boolean or a String) as a user property of a
     * {@link ClientEndpointConfig}: offer permessage-deflate (without parameters) on this
     * connection, after the configuration's extensions, when {@link Limits#PERMESSAGE_DEFLATE}
     * is on. Without it the client offers exactly the configuration's extensions (Jakarta
     * WebSocket 2.2 §3.2.2: the default client configuration uses the developer's list), so
     * a default configuration negotiates no extension. permessage-deflate offers among the
     * configuration's extensions are sent either way.
     */
    public static final String PERMESSAGE_DEFLATE_PROPERTY = Limits.PERMESSAGE_DEFLATE;
    /**
     * A {@link SSLContext} as a user property of a {@link ClientEndpointConfig}: the context
     * for {@code wss://} connections, whose trust managers decide which server certificates
     * are accepted, when the configuration's own {@link ClientEndpointConfig#getSSLContext()}
     * (Jakarta WebSocket 2.1 and later) is null. Without either: {@code SSLContext.getDefault()},
     * which trusts the JDK's default trust store ({@code javax.net.ssl.trustStore} or cacerts).
     */
    public static final String SSL_CONTEXT_PROPERTY = ClientProperties.SSL_CONTEXT;

    /**
     * The context of a {@code wss://} connection: {@link ClientEndpointConfig#getSSLContext()}
     * (the standard way since Jakarta WebSocket 2.1, {@code Builder.sslContext}), else the
     * {@value #SSL_CONTEXT_PROPERTY} user property, else null (the JDK's default). A
     * configuration class compiled against the 2.0 API has no {@code getSSLContext}: the
     * property alone counts then.
     */
    static SSLContext sslContextOf(ClientEndpointConfig config) throws DeploymentException {
        SSLContext standard;
        try {
            standard = config.getSSLContext();
        } catch (AbstractMethodError | NoSuchMethodError e) {
            standard = null;
        }
        if (standard != null) {
            return standard;
        }
        Object ctx = config.getUserProperties().get(SSL_CONTEXT_PROPERTY);
        if (ctx == null) {
            return null;
        }
        if (ctx instanceof SSLContext context) {
            return context;
        }
        throw new DeploymentException(SSL_CONTEXT_PROPERTY + " must be a javax.net.ssl.SSLContext, not "
                + ctx.getClass().getName());
    }
    /**
     * {@code true} (a Boolean or a String) as a user property of a {@link ClientEndpointConfig}:
     * do not check that the server's certificate names the host of the {@code wss://} URI.
     * Off by default (the host name is verified, as HTTPS does); turning it on lets any holder
     * of a trusted certificate impersonate the server, so keep it to tests.
     */
    public static final String DISABLE_HOSTNAME_VERIFICATION_PROPERTY = ClientProperties.DISABLE_HOSTNAME_VERIFICATION;

    private final SessionRegistry sessions = new SessionRegistry();
    /** Per endpoint class, what its sessions on the reading thread share ({@code OnReadingThread}). */
    private final ConcurrentMap<Class<?>, ReadingThreadEndpoint> readingThreadEndpoints = new ConcurrentHashMap<>();
    private final RateLimitedSummary<Integer> protocolErrors = OndineSession.protocolErrorSummary("of a client container");
    private final ClientConnector connector;
    private final ContainerGroups groups = new ContainerGroups(this, "of a client container");

    /**
     * @param limits the limits of this container's connections
     * @param connector opens the connections (the transport, as a bootstrap chose it)
     */
    public OndineClientContainer(Limits limits, ClientConnector connector) {
        super(limits);
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** The named groups of this container's sessions ({@code Groups.of(session)}). */
    @Override
    public ContainerGroups groups() {
        return groups;
    }

    // ---------------------------------------------------------------- connectToServer

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return await(connectAsync(annotatedEndpointInstance, path), path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return await(connectAsync(annotatedEndpointClass, path), path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return await(connectAsync(endpointInstance, cec, path), path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return await(connectAsync(endpointClass, cec, path), path);
    }

    /**
     * The blocking connect: a wait on the asynchronous one, whose own timers bound it (the
     * connect timeout for the connection, as long again for onOpen). An interrupted caller
     * abandons the attempt.
     */
    private static Session await(CompletableFuture<Session> connecting, URI uri) throws DeploymentException, IOException {
        try {
            return connecting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.cancel(false);
            throw new IOException("Interrupted while connecting to " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeploymentException d) {
                throw d;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Cannot connect to " + uri + ": " + cause.getMessage(), cause);
        }
    }

    // ---------------------------------------------------------------- connectAsync

    @Override
    public CompletableFuture<Session> connectAsync(Object annotatedEndpointInstance, URI uri) {
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return connectAsync(endpoint, null, uri);
        }
        return start(() -> ConnectTarget.annotated(annotatedEndpointInstance), uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Class<?> annotatedEndpointClass, URI uri) {
        return start(() -> ConnectTarget.annotatedClass(annotatedEndpointClass), uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Endpoint endpointInstance, ClientEndpointConfig cec, URI uri) {
        return start(() -> ConnectTarget.of(endpointInstance, cec), uri);
    }

    @Override
    public CompletableFuture<Session> connectAsync(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec,
                                                   URI uri) {
        return start(() -> ConnectTarget.ofClass(endpointClass, cec), uri);
    }

    // ---------------------------------------------------------------- reconnect

    @Override
    public Reconnecting reconnect(Endpoint endpoint, ClientEndpointConfig config, URI uri, ReconnectPolicy policy) {
        Objects.requireNonNull(endpoint, "endpoint");
        ClientEndpointConfig c = config == null ? ConnectTarget.defaultConfig() : config;
        return Reconnector.start(() -> start(() -> new ConnectTarget(endpoint, c), uri), uri, policy, ClientRuntime.get());
    }

    @Override
    public Reconnecting reconnect(Object annotatedEndpointInstance, URI uri, ReconnectPolicy policy) {
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return reconnect(endpoint, null, uri, policy);
        }
        Objects.requireNonNull(annotatedEndpointInstance, "annotatedEndpointInstance");
        // A new adapter per connection: the instance is the same, each connection its own session.
        return Reconnector.start(() -> start(() -> ConnectTarget.annotated(annotatedEndpointInstance), uri), uri, policy,
                ClientRuntime.get());
    }

    // ---------------------------------------------------------------- the attempt

    /** Makes the target on the pool: it may run application code (constructors, configurators). */
    @FunctionalInterface
    private interface TargetMaker {
        ConnectTarget make() throws DeploymentException;
    }

    /**
     * Hands the attempt to the client pool and returns at once. Everything else runs there or
     * later: making the endpoint, the configurator's beforeRequest, the TLS context, the name
     * resolution (the connector resolves on the thread that calls it), then the TCP
     * connection, TLS and the opening handshake on the selector thread, onOpen on the
     * session's executor.
     */
    private CompletableFuture<Session> start(TargetMaker maker, URI uri) {
        ClientRuntime runtime = ClientRuntime.get();
        ConnectAttempt attempt = new ConnectAttempt(uri, runtime.pool, runtime.timers);
        try {
            runtime.pool.execute(() -> {
                if (attempt.abandoned()) {
                    return;
                }
                try {
                    open(maker.make(), uri, attempt, runtime);
                } catch (DeploymentException | RuntimeException e) {
                    attempt.fail(e);
                }
            });
        } catch (RejectedExecutionException e) {
            attempt.fail(new IOException("The client is stopping", e));
        }
        return attempt.result();
    }

    /** Prepares the request and hands it to the connector; on a pool thread. */
    private void open(ConnectTarget target, URI uri, ConnectAttempt attempt, ClientRuntime runtime) throws DeploymentException {
        Endpoint endpoint = target.endpoint();
        ClientEndpointConfig config = target.config();
        if (uri == null) {
            throw new DeploymentException("The URI must not be null");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new DeploymentException("Not a WebSocket URI (ws:// or wss://): " + uri);
        }
        boolean secure = scheme.equals("wss");
        SSLContext sslContext = null;
        boolean verifyHostname = true;
        if (secure) {
            sslContext = sslContextOf(config);
            Object disable = config.getUserProperties().get(DISABLE_HOSTNAME_VERIFICATION_PROPERTY);
            verifyHostname = !(Boolean.TRUE.equals(disable) || "true".equalsIgnoreCase(String.valueOf(disable)));
        }
        ClientEndpointConfig.Configurator configurator = config.getConfigurator();

        List<ExtensionOffer> offers;
        ClientHandshake formulated;
        try {
            offers = extensionOffers(config);
            formulated = new ClientHandshake(uri, config.getPreferredSubprotocols(), offers, null);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        // §3.2.1 / Configurator.beforeRequest: called once the request is formulated, with "the
        // mutable map of handshake request headers the implementation is about to send".
        Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeaders.Field f : formulated.requestFields()) {
            requestHeaders.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f.value());
        }
        configurator.beforeRequest(requestHeaders);
        ClientHandshake handshake;
        try {
            handshake = formulated.with(uri, offeredSubprotocols(requestHeaders), extraHeaders(requestHeaders));
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }

        long timeout = connectTimeout(config);
        Limits endpointLimits;
        ReadingThreadEndpoint onReadingThread;
        try {
            endpointLimits = endpointLimits(limits, config); // keepalive, send and slow-consumer settings
            onReadingThread = readingThread(endpoint, config);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        // The opening handshake gets the same time as the TCP connection, not the server's default.
        Limits connectionLimits = timeout == endpointLimits.handshakeTimeoutMillis() ? endpointLimits
                : endpointLimits.toBuilder().handshakeTimeoutMillis(timeout).build();
        if (attempt.abandoned()) {
            return;
        }
        ClientProxy proxy = ProxyChoice.choose(config, uri, runtime.pool);
        attempt.through(proxy);
        CompletableFuture<WebSocketConnection> connecting =
                connector.connect(uri, handshake, result -> {
                    configurator.afterResponse(new ClientHandshakeResponse(result.response().headers()));
                    PerMessageDeflate deflate = agreedDeflate(offers, result);
                    OndineSession session = newSession(endpoint, config, uri, result, secure, runtime.pool, connectionLimits,
                            onReadingThread);
                    attempt.session(session);
                    return Upgrade.of(session, connectionLimits).withDeflate(deflate);
                }, connectionLimits, timeout, sslContext, verifyHostname, proxy);
        attempt.connecting(connecting, timeout);
    }

    /**
     * The offers: the configuration's extensions (§3.2.2), then permessage-deflate without
     * parameters when the configuration asks for it with {@link #PERMESSAGE_DEFLATE_PROPERTY}
     * and does not offer it itself.
     */
    private List<ExtensionOffer> extensionOffers(ClientEndpointConfig config) {
        List<ExtensionOffer> offers = new ArrayList<>();
        boolean deflateOffered = false;
        for (Extension ext : config.getExtensions()) {
            offers.add(NegotiatedExtension.toOffer(ext));
            deflateOffered |= DeflateParameters.isPerMessageDeflate(ext.getName());
        }
        Object perConfig = config.getUserProperties().get(PERMESSAGE_DEFLATE_PROPERTY);
        boolean on = Boolean.TRUE.equals(perConfig) || "true".equalsIgnoreCase(String.valueOf(perConfig));
        if (!deflateOffered && limits.permessageDeflate() && on) {
            offers.add(DeflateNegotiation.defaultOffer());
        }
        return offers;
    }

    /**
     * The codec for the permessage-deflate the server accepted, or null; a response that
     * does not answer the offers fails the handshake (RFC 7692 §7.1).
     */
    private static PerMessageDeflate agreedDeflate(List<ExtensionOffer> offers, HandshakeResult result) {
        for (ExtensionOffer accepted : result.extensions()) {
            if (DeflateParameters.isPerMessageDeflate(accepted.name())) {
                try {
                    return new PerMessageDeflate(Role.CLIENT, DeflateNegotiation.checkResponse(offers, accepted));
                } catch (DeflateNegotiationException e) {
                    throw new CompletionException(new HandshakeException(result.response().status(), e.getMessage()));
                }
            }
        }
        return null;
    }

    /**
     * What the sessions of this endpoint class share when this one runs its callbacks on the
     * client's reading thread ({@link dev.ondine.api.OnReadingThread}), else null.
     */
    private ReadingThreadEndpoint readingThread(Endpoint endpoint, ClientEndpointConfig config) {
        Class<?> type = endpoint instanceof AnnotatedEndpoint a ? a.instance().getClass() : endpoint.getClass();
        return readingThreadEndpoints.computeIfAbsent(type, t -> ReadingThreadEndpoint.of(t, "the client", () -> { }))
                .forSession(config);
    }

    private OndineSession newSession(Endpoint endpoint, ClientEndpointConfig config, URI uri, HandshakeResult result,
                                     boolean secure, ExecutorService pool, Limits connectionLimits,
                                     ReadingThreadEndpoint onReadingThread) {
        List<Extension> extensions = NegotiatedExtension.of(result.extensions());
        try {
            return new OndineSession(new SessionContext(endpoint, config,
                    new SessionContext.Request(uri, secure,
                            QueryParameters.parse(uri.getRawQuery()), Map.of(), null),
                    new SessionContext.Negotiated(result.subprotocol(), extensions), sessionLimits(connectionLimits),
                    new SessionContext.Owner(this, sessions, pool, protocolErrors), onReadingThread));
        } catch (DeploymentException e) {
            throw new CompletionException(e);
        }
    }

    private long connectTimeout(ClientEndpointConfig config) {
        Object v = config.getUserProperties().get(CONNECT_TIMEOUT_PROPERTY);
        if (v instanceof Number n) {
            return Math.max(1, n.longValue());
        }
        if (v instanceof String text) {
            try {
                return Math.max(1, Long.parseLong(text));
            } catch (NumberFormatException ignored) {
                // fall back to the default
            }
        }
        return limits.handshakeTimeoutMillis();
    }

    /**
     * The subprotocols to offer after beforeRequest: the configurator may have changed or
     * removed {@code Sec-WebSocket-Protocol}. The response is then checked against these.
     */
    private static List<String> offeredSubprotocols(Map<String, List<String>> requestHeaders) {
        List<String> values = requestHeaders.get("Sec-WebSocket-Protocol");
        List<String> offered = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null) {
                    offered.addAll(HttpHeaders.splitList(v));
                }
            }
        }
        return offered;
    }

    /**
     * The headers to send besides the handshake's own. Host, Upgrade, Connection, the key,
     * the version and the extension offer stay as the implementation formulated them: a
     * connection they would not describe could not be validated (RFC 6455 §4.1), and the
     * extensions offered are the configuration's (§3.2.2), which the implementation runs.
     */
    private static HttpHeaders extraHeaders(Map<String, List<String>> requestHeaders) {
        HttpHeaders extra = new HttpHeaders();
        for (Map.Entry<String, List<String>> e : requestHeaders.entrySet()) {
            if (e.getKey() == null || isHandshakeHeader(e.getKey()) || e.getValue() == null) {
                continue;
            }
            for (String v : e.getValue()) {
                if (v != null) {
                    extra.add(e.getKey(), v);
                }
            }
        }
        return extra;
    }

    /** Headers the handshake writes itself; a configurator cannot replace them. */
    private static boolean isHandshakeHeader(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
                 "sec-websocket-protocol", "sec-websocket-extensions" -> true;
            default -> false;
        };
    }
}
