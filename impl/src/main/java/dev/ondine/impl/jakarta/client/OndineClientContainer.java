package dev.ondine.impl.jakarta.client;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpoint;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
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
import dev.ondine.impl.transport.Upgrade;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Ondine's client {@link WebSocketContainer} (Jakarta WebSocket 2.2 §2.1, §6.1): it opens
 * connections through the {@link ClientConnector} it is given (Ondine's NIO client, as the
 * bootstraps in {@code dev.ondine.impl.client} wire it), runs the client configurator around the opening
 * handshake, and returns the session once the endpoint's {@code onOpen} has run.
 *
 * <p>A server that refuses the handshake yields a {@link DeploymentException} naming the
 * status it answered; a network failure or timeout yields an {@link IOException}, and so does
 * a failed TLS handshake on {@code wss://} (an untrusted certificate, or one that does not
 * name the host: see {@link #SSL_CONTEXT_PROPERTY} and
 * {@link #DISABLE_HOSTNAME_VERIFICATION_PROPERTY}).
 */
public class OndineClientContainer extends ContainerDefaults {
    /**
     * Time allowed for the TCP connection and the opening handshake, in milliseconds, as a
     * user property of a {@link ClientEndpointConfig} (default: the handshake timeout).
     */
    public static final String CONNECT_TIMEOUT_PROPERTY = "ondine.client.connectTimeoutMillis";
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
    public static final String SSL_CONTEXT_PROPERTY = "ondine.client.sslContext";

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
    public static final String DISABLE_HOSTNAME_VERIFICATION_PROPERTY = "ondine.client.disableHostnameVerification";

    /**
     * Each {@code @ClientEndpoint} class's model, built once. A ClassValue rather than a static
     * map: installed in a server, this class must not keep applications' classes (and their
     * class loaders) reachable after they are undeployed.
     */
    private static final ClassValue<Object> MODELS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return AnnotatedEndpointModel.forClient(type);
            } catch (DeploymentException e) {
                return e;
            }
        }
    };

    private final SessionRegistry sessions = new SessionRegistry();
    /** Per endpoint class, what its sessions on the reading thread share ({@code OnReadingThread}). */
    private final ConcurrentMap<Class<?>, ReadingThreadEndpoint> readingThreadEndpoints = new ConcurrentHashMap<>();
    private final RateLimitedSummary protocolErrors = OndineSession.protocolErrorSummary("of a client container");
    private final ClientConnector connector;

    /**
     * @param limits the limits of this container's connections
     * @param connector opens the connections (the transport, as a bootstrap chose it)
     */
    public OndineClientContainer(Limits limits, ClientConnector connector) {
        super(limits);
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    // ---------------------------------------------------------------- connectToServer

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointInstance == null) {
            throw new DeploymentException("The endpoint instance must not be null");
        }
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), path);
        }
        AnnotatedEndpointModel model = model(annotatedEndpointInstance.getClass());
        return connect(model.newEndpoint(annotatedEndpointInstance), annotatedConfig(annotatedEndpointInstance.getClass()), path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        model(annotatedEndpointClass); // validate before instantiating
        return connectToServer(instantiate(annotatedEndpointClass), path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointInstance == null) {
            throw new DeploymentException("The endpoint instance must not be null");
        }
        return connect(endpointInstance, cec == null ? ClientEndpointConfig.Builder.create().build() : cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        return connectToServer((Endpoint) instantiate(endpointClass), cec, path);
    }

    private static AnnotatedEndpointModel model(Class<?> type) throws DeploymentException {
        if (type.getAnnotation(ClientEndpoint.class) == null) {
            throw new DeploymentException(type.getName() + " is not annotated with @ClientEndpoint");
        }
        Object m = MODELS.get(type);
        if (m instanceof DeploymentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        return (AnnotatedEndpointModel) m;
    }

    /** The configuration an {@code @ClientEndpoint} annotation describes (§2.2.1). */
    private static ClientEndpointConfig annotatedConfig(Class<?> type) throws DeploymentException {
        ClientEndpoint a = type.getAnnotation(ClientEndpoint.class);
        ClientEndpointConfig.Builder b = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(a.subprotocols()))
                .decoders(Arrays.asList(a.decoders()))
                .encoders(Arrays.asList(a.encoders()));
        if (a.configurator() != ClientEndpointConfig.Configurator.class) {
            b.configurator(instantiate(a.configurator()));
        }
        return b.build();
    }

    private static <T> T instantiate(Class<T> type) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot create " + type.getName()
                    + ": it needs a public no-argument constructor that does not throw", e);
        }
    }

    private Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri) throws DeploymentException, IOException {
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
        OndineSession[] created = new OndineSession[1];
        ClientRuntime runtime = ClientRuntime.get();
        CompletableFuture<WebSocketConnection> connecting =
                connector.connect(uri, handshake, result -> {
                    configurator.afterResponse(new ClientHandshakeResponse(result.response().headers()));
                    PerMessageDeflate deflate = agreedDeflate(offers, result);
                    created[0] = newSession(endpoint, config, uri, result, secure, runtime.pool, connectionLimits,
                            onReadingThread);
                    return Upgrade.of(created[0], connectionLimits).withDeflate(deflate);
                }, connectionLimits, timeout, sslContext, verifyHostname);
        try {
            connecting.get(timeout, TimeUnit.MILLISECONDS);
            // The endpoint's onOpen gets as long again.
            return created[0].opened().get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(connecting, "Interrupted while connecting");
            throw new IOException("Interrupted while connecting to " + uri, e);
        } catch (TimeoutException e) {
            abandon(connecting, "Connect timed out");
            throw new IOException("Connecting to " + uri + " took more than " + timeout + " ms", e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
    }

    /**
     * The caller has given up: a connection that opens anyway (or has opened, its endpoint
     * still in onOpen) is closed, not left running without an owner. One that is still in
     * its handshake ends at the handshake timeout, which is the connect timeout.
     */
    private static void abandon(CompletableFuture<WebSocketConnection> connecting, String reason) {
        connecting.whenComplete((connection, failure) -> {
            if (connection != null) {
                connection.close(CloseCodes.GOING_AWAY, reason);
            }
        });
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

    private static Exception failureCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof Exception e ? e : new IOException(c);
    }

    private static IOException failureAsIo(URI uri, Exception cause) {
        return cause instanceof IOException io ? io
                : new IOException("Cannot connect to " + uri + ": " + cause.getMessage(), cause);
    }

    /**
     * A refused handshake becomes a DeploymentException with the server's status; anything
     * else an IOException.
     */
    private static IOException failure(URI uri, Throwable t) throws DeploymentException {
        Exception cause = failureCause(t);
        if (cause instanceof HandshakeException h) {
            String status = h.hasStatus() ? " (HTTP status " + h.status() + ")" : "";
            throw new DeploymentException("The server refused the WebSocket handshake for " + uri + status + ": "
                    + h.getMessage(), h);
        }
        if (cause instanceof DeploymentException d) {
            throw d;
        }
        return failureAsIo(uri, cause);
    }

    // ---------------------------------------------------------------- defaults









}
