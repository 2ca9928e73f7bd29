package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.HandshakeRejection;
import dev.ondine.api.Limits;
import dev.ondine.api.spi.HandshakeConnection;
import dev.ondine.impl.jakarta.session.ContainerDefaults;
import dev.ondine.impl.jakarta.session.NegotiatedExtension;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.ReadingThreadEndpoint;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateNegotiation;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.protocol.handshake.ExtensionOffer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.PeerConnection;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides on upgrade requests for a {@link OndineServerContainer} (Jakarta WebSocket 2.2
 * §3.1, §4.1): find the endpoint by path, ask its configurator (origin, subprotocol,
 * extensions, extra headers, endpoint instance), and open a session on the connection.
 * Unknown paths get 404, refused origins 403, a configurator or endpoint that fails 500.
 */
public final class ServerUpgradeAcceptor implements UpgradeAcceptor {
    private static final Logger LOG = Logger.getLogger(ServerUpgradeAcceptor.class.getName());
    /** Response fields the handshake writes itself; a configurator's values for them are ignored. */
    private static final Set<String> HANDSHAKE_FIELDS = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions", "content-length", "transfer-encoding");

    private final OndineServerContainer container;
    private final EndpointRegistry registry;
    /** Endpoints told once that this container keeps their callbacks on the pool. */
    private final Set<String> readingThreadRefusalsLogged = ConcurrentHashMap.newKeySet();

    ServerUpgradeAcceptor(OndineServerContainer container, EndpointRegistry registry) {
        this.container = container;
        this.registry = registry;
    }

    /** A handshake on Ondine's standalone server from a peer at {@code remote}, its other details unknown. */
    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, SocketAddress remote, boolean secure) throws HandshakeException {
        return accept(request, PeerConnection.of(remote, null, secure));
    }

    /**
     * A handshake on Ondine's standalone server, on {@code connection}: no role, no HTTP
     * session, and the verified client certificate's subject, if any, as the user
     * ({@link HandshakeContext#standalone}).
     */
    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, ConnectionInfo connection) throws HandshakeException {
        return accept(request, connection.secure(), HandshakeContext.standalone(connection));
    }

    /** Counted with the handshakes that matched no endpoint, by status. */
    @Override
    public void refusedBeforeAccept(int status) {
        container.tally().handshakeWithoutEndpoint(status);
    }

    /**
     * As {@link #accept(WebSocketUpgradeRequest, SocketAddress, boolean)}, with what a servlet
     * container knows beyond the request: the authenticated user, its roles and the HTTP session.
     */
    public Upgrade accept(WebSocketUpgradeRequest request, boolean secure, HandshakeContext context)
            throws HandshakeException {
        String path = container.relativePath(request.path());
        EndpointRegistry.Match match = path == null ? null : registry.find(path);
        if (match == null) {
            container.tally().handshakeWithoutEndpoint(404);
            throw new HandshakeException(404, "No WebSocket endpoint at " + request.path());
        }
        return accept(request, secure, context, match.registration(), match.pathParameters());
    }

    /**
     * Decides on an upgrade to the endpoint of {@code config} with the given path parameters,
     * whatever the request's path (Jakarta WebSocket 2.2 §6.4,
     * {@code ServerContainer.upgradeHttpToWebSocket}).
     *
     * @throws DeploymentException when {@code config} is not a valid endpoint configuration
     */
    public Upgrade accept(WebSocketUpgradeRequest request, boolean secure, HandshakeContext context,
                          ServerEndpointConfig config, Map<String, String> pathParameters)
            throws HandshakeException, DeploymentException {
        EndpointRegistration registration = container.registrationFor(config);
        return accept(request, secure, context, registration,
                pathParameters == null ? Map.of() : Map.copyOf(pathParameters));
    }

    private Upgrade accept(WebSocketUpgradeRequest request, boolean secure, HandshakeContext context,
                           EndpointRegistration registration, Map<String, String> pathParameters)
            throws HandshakeException {
        ServerEndpointConfig config = registration.config;
        ServerEndpointConfig.Configurator configurator = configurator(config);

        HandshakeInProgress.begin(request.host(), container.originPolicy());
        HandshakeConnection.begin(context.connection()); // ConnectionInfo.current(), for checkOrigin
        try {
            Upgrade upgrade = negotiate(request, secure, context, pathParameters, registration, config, configurator);
            registration.metrics.handshake(101);
            return upgrade.withMetrics(registration.metrics);
        } catch (HandshakeException e) {
            registration.metrics.handshake(e.status());
            throw e;
        } finally {
            HandshakeConnection.end();
            HandshakeInProgress.end();
        }
    }

    private Upgrade negotiate(WebSocketUpgradeRequest request, boolean secure, HandshakeContext context,
                              Map<String, String> pathParameters, EndpointRegistration registration, ServerEndpointConfig config,
                              ServerEndpointConfig.Configurator configurator) throws HandshakeException {
        // §3.1.5 (RFC 6455 §10.2): the origin check comes first. The configurator is asked on
        // every handshake, with null when the client sent no Origin (RFC 6455 §1.3: non-browser
        // clients may leave it out); the default policy allows that, a configurator may not.
        // The official TCK's checkOriginTest counts on the call.
        String origin = request.origin();
        if (!configurator.checkOrigin(origin)) {
            throw new HandshakeException(403, "Origin not allowed: " + origin);
        }

        URI requestUri = requestUri(request, secure);
        UpgradeHandshakeRequest handshakeRequest = new UpgradeHandshakeRequest(request.headers(), requestUri, pathParameters,
                context);

        // §3.1.2: the subprotocol the configurator picks from the client's list, if any.
        String subprotocol = request.subprotocols().isEmpty() ? ""
                : configurator.getNegotiatedSubprotocol(config.getSubprotocols(), request.subprotocols());
        if (subprotocol == null) {
            subprotocol = "";
        }
        // §3.1.3: the extensions it picks from the client's offers among the installed ones.
        List<Extension> requested = NegotiatedExtension.of(request.extensions());
        // Installed: the endpoint's configured extensions first, then the container's (as
        // Tomcat and Tyrus pass them, and as the TCK expects of getNegotiatedExtensions).
        List<Extension> installed = new ArrayList<>();
        if (config.getExtensions() != null) {
            installed.addAll(config.getExtensions());
        }
        for (Extension e : container.getInstalledExtensions()) {
            if (installed.stream().noneMatch(i -> i.getName().equals(e.getName()))) {
                installed.add(e);
            }
        }
        List<Extension> picked = requested.isEmpty() ? List.of()
                : configurator.getNegotiatedExtensions(installed, requested);
        Limits limits = container.limits();
        List<Extension> extensions = new ArrayList<>();
        PerMessageDeflate deflate = agreeOnDeflate(withOffers(picked == null ? List.of() : picked, installed, requested),
                extensions, limits.permessageDeflate());

        UpgradeHandshakeResponse response = new UpgradeHandshakeResponse();
        // A fresh copy of the user properties for this handshake, seen by modifyHandshake and the session.
        ServerEndpointConfig perConnection = new PerConnectionConfig(config);
        if (ConnectionProperties.wanted(limits, config)) {
            ConnectionProperties.put(context.connection(), perConnection.getUserProperties());
        }
        try {
            configurator.modifyHandshake(perConnection, handshakeRequest, response);
        } catch (HandshakeRejection e) {
            throw rejection(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "modifyHandshake of " + configurator.getClass().getName() + " failed", e);
            throw new HandshakeException(500, "Internal Server Error");
        }

        // Keepalive, send and slow-consumer settings of this endpoint (or of this connection:
        // modifyHandshake may have set them in the per-connection user properties).
        Limits connectionLimits;
        ReadingThreadEndpoint onReadingThread;
        try {
            connectionLimits = ContainerDefaults.endpointLimits(limits, perConnection);
            onReadingThread = readingThread(registration, perConnection);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Invalid setting in the user properties of " + config.getEndpointClass().getName(), e);
            throw new HandshakeException(500, "Internal Server Error");
        }
        Endpoint endpoint = newEndpoint(registration, configurator);
        OndineSession session;
        try {
            session = new OndineSession(new SessionContext(endpoint, perConnection,
                    new SessionContext.Request(requestUri, secure, handshakeRequest.getParameterMap(), pathParameters,
                            context.userPrincipal(), context.connection()),
                    new SessionContext.Negotiated(subprotocol, extensions), container.sessionLimits(connectionLimits),
                    new SessionContext.Owner(container, registration.sessions, container.pool(),
                            container.protocolErrors()), onReadingThread));
        } catch (DeploymentException e) {
            LOG.log(Level.WARNING, "Cannot open a session of " + config.getEndpointClass().getName(), e);
            throw new HandshakeException(500, "Internal Server Error");
        }
        return Upgrade.of(session, connectionLimits)
                .withResponse(subprotocol.isEmpty() ? null : subprotocol, extensionsHeader(extensions),
                        responseHeaders(response))
                .withDeflate(deflate);
    }

    /**
     * The endpoint's reading-thread state when this connection's session runs its callbacks
     * there ({@link dev.ondine.api.OnReadingThread}: the annotation, or the per-connection user
     * property), else null; also null on a container that does not offer it, which says so once.
     */
    private ReadingThreadEndpoint readingThread(EndpointRegistration registration, ServerEndpointConfig perConnection) {
        ReadingThreadEndpoint requested = registration.readingThread.forSession(perConnection);
        if (requested == null || container.callbacksOnReadingThread()) {
            return requested;
        }
        if (readingThreadRefusalsLogged.add(registration.readingThread.name())) {
            LOG.info("Endpoint " + registration.readingThread.name() + " asks for its callbacks on the reading thread;"
                    + " on this container they run on the application's pool");
        }
        return null;
    }

    /**
     * What the configurator picked, with an installed extension (as the default configurator
     * returns) replaced by the client's offers of that name, in the client's order, so that
     * their parameters are negotiated; an offer a configurator returned itself stays as it is.
     */
    private static List<Extension> withOffers(List<Extension> picked, List<Extension> installed, List<Extension> requested) {
        List<Extension> result = new ArrayList<>();
        for (Extension e : picked) {
            boolean isInstalled = installed.stream().anyMatch(i -> i == e);
            if (!isInstalled) {
                result.add(e);
                continue;
            }
            for (Extension r : requested) {
                if (r.getName().equals(e.getName())) {
                    result.add(r);
                }
            }
        }
        return result;
    }

    /**
     * The configurator picks the permessage-deflate offers to consider (§3.1.3); the engine
     * settles their parameters (RFC 7692 §7.1): the first acceptable one is answered, in the
     * place of the first picked, with the response's parameters, and the others dropped.
     * Other extensions the configurator picked are answered as they are.
     *
     * @param picked what the configurator returned
     * @param agreed receives the extensions of the response, in order
     * @return the codec for the connection, or null when permessage-deflate is not in use
     */
    private static PerMessageDeflate agreeOnDeflate(List<Extension> picked, List<Extension> agreed, boolean enabled) {
        List<ExtensionOffer> deflateOffers = new ArrayList<>();
        int position = -1;
        for (Extension e : picked) {
            if (!DeflateParameters.isPerMessageDeflate(e.getName())) {
                agreed.add(e);
                continue;
            }
            if (position < 0) {
                position = agreed.size();
            }
            try {
                deflateOffers.add(NegotiatedExtension.toOffer(e));
            } catch (IllegalArgumentException notTokens) {
                // an offer a configurator made up with values no header can carry: not acceptable
            }
        }
        if (!enabled || deflateOffers.isEmpty()) {
            return null;
        }
        Optional<DeflateParameters> accepted = DeflateNegotiation.accept(deflateOffers);
        if (accepted.isEmpty()) {
            return null;
        }
        agreed.add(position, NegotiatedExtension.of(accepted.get().toExtension()));
        return new PerMessageDeflate(Role.SERVER, accepted.get());
    }

    /** A configurator's refusal, answered with its own status and headers. */
    private static HandshakeException rejection(HandshakeRejection e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return new HandshakeException(e.status(), e.getMessage(), headers);
    }

    private static ServerEndpointConfig.Configurator configurator(ServerEndpointConfig config) {
        ServerEndpointConfig.Configurator c = config.getConfigurator();
        return c != null ? c : new DefaultServerConfigurator();
    }

    /** §3.1.7: the configurator supplies the instance; an annotated one is wrapped once per connection. */
    private static Endpoint newEndpoint(EndpointRegistration registration, ServerEndpointConfig.Configurator configurator)
            throws HandshakeException {
        Class<?> type = registration.config.getEndpointClass();
        Object instance;
        try {
            instance = configurator.getEndpointInstance(type);
        } catch (HandshakeRejection e) {
            throw rejection(e);
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot create an instance of " + type.getName(), e);
            throw new HandshakeException(500, "Internal Server Error");
        }
        if (instance == null) {
            LOG.warning("The configurator of " + type.getName() + " returned no endpoint instance");
            throw new HandshakeException(500, "Internal Server Error");
        }
        if (registration.model != null) {
            return registration.model.newEndpoint(instance);
        }
        return (Endpoint) instance;
    }

    /** The request URI as the session reports it: ws:// or wss://, the Host, the path and query. */
    private static URI requestUri(WebSocketUpgradeRequest request, boolean secure) throws HandshakeException {
        String s = (secure ? "wss://" : "ws://") + request.host() + request.path()
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new HandshakeException(400, "Malformed request target");
        }
    }

    private static String extensionsHeader(List<Extension> extensions) {
        if (extensions.isEmpty()) {
            return null;
        }
        List<ExtensionOffer> elements = new ArrayList<>(extensions.size());
        for (Extension e : extensions) {
            elements.add(NegotiatedExtension.toOffer(e));
        }
        return ExtensionOffer.format(elements);
    }

    /**
     * The fields a configurator put in the response, less those the handshake writes itself
     * (RFC 6455 §4.2.2 item 5, and the framing fields): a configurator that copies every
     * request header into the response (the TCK's {@code handshakeresponse} tests do) must
     * not end in a second {@code Upgrade} or {@code Connection} field, nor fail the handshake.
     */
    static HttpHeaders responseHeaders(UpgradeHandshakeResponse response) {
        if (response.getHeaders().isEmpty()) {
            return null;
        }
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> e : response.getHeaders().entrySet()) {
            if (e.getKey() == null || HANDSHAKE_FIELDS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                if (e.getKey() != null) {
                    LOG.fine(() -> "modifyHandshake set " + e.getKey() + ", which the handshake writes itself: ignored");
                }
                continue;
            }
            for (String v : e.getValue() == null ? Collections.<String>emptyList() : e.getValue()) {
                if (v != null) {
                    headers.add(e.getKey(), v);
                }
            }
        }
        return headers;
    }
}
