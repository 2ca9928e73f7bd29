package dev.ondine.impl.jakarta.server;

import dev.ondine.api.Limits;
import dev.ondine.impl.jakarta.session.NegotiatedExtension;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.SessionContext;
import dev.ondine.impl.protocol.handshake.ExtensionOffer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    private final OndineServerContainer container;
    private final EndpointRegistry registry;

    ServerUpgradeAcceptor(OndineServerContainer container, EndpointRegistry registry) {
        this.container = container;
        this.registry = registry;
    }

    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, SocketAddress remote, boolean secure) throws HandshakeException {
        return accept(request, secure, null, null);
    }

    /**
     * As {@link #accept(WebSocketUpgradeRequest, SocketAddress, boolean)}, with what a servlet
     * container knows beyond the request: the authenticated user and the HTTP session.
     */
    public Upgrade accept(WebSocketUpgradeRequest request, boolean secure, Principal principal, Object httpSession)
            throws HandshakeException {
        String path = container.relativePath(request.path());
        EndpointRegistry.Match match = path == null ? null : registry.find(path);
        if (match == null) {
            throw new HandshakeException(404, "No WebSocket endpoint at " + request.path());
        }
        EndpointRegistration registration = match.registration();
        ServerEndpointConfig config = registration.config;
        ServerEndpointConfig.Configurator configurator = configurator(config);

        // §3.1.5 (RFC 6455 §10.2): the origin check comes first.
        String origin = request.origin();
        if (origin != null && !configurator.checkOrigin(origin)) {
            throw new HandshakeException(403, "Origin not allowed: " + origin);
        }

        URI requestUri = requestUri(request, secure);
        UpgradeHandshakeRequest handshakeRequest = new UpgradeHandshakeRequest(request.headers(), requestUri, principal, httpSession);

        // §3.1.2: the subprotocol the configurator picks from the client's list, if any.
        String subprotocol = request.subprotocols().isEmpty() ? ""
                : configurator.getNegotiatedSubprotocol(config.getSubprotocols(), request.subprotocols());
        if (subprotocol == null) {
            subprotocol = "";
        }
        // §3.1.3: the extensions it picks from the client's offers among the installed ones.
        List<Extension> requested = toExtensions(request.extensions());
        List<Extension> installed = new ArrayList<>(container.getInstalledExtensions());
        List<Extension> extensions = requested.isEmpty() ? List.of()
                : configurator.getNegotiatedExtensions(installed, requested);
        if (extensions == null) {
            extensions = List.of();
        }

        UpgradeHandshakeResponse response = new UpgradeHandshakeResponse();
        // A fresh copy of the user properties for this handshake, seen by modifyHandshake and the session.
        ServerEndpointConfig perConnection = new PerConnectionConfig(config);
        try {
            configurator.modifyHandshake(perConnection, handshakeRequest, response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "modifyHandshake of " + configurator.getClass().getName() + " failed", e);
            throw new HandshakeException(500, "Internal Server Error");
        }

        Endpoint endpoint = newEndpoint(registration, configurator);
        Limits limits = container.limits();
        OndineSession session;
        try {
            session = new OndineSession(new SessionContext(endpoint, perConnection, container, requestUri,
                    handshakeRequest.getParameterMap(), match.pathParameters(), principal, subprotocol, extensions,
                    secure, registration.sessions, container.pool(), container.getDefaultMaxSessionIdleTimeout(),
                    container.getDefaultMaxTextMessageBufferSize(), container.getDefaultMaxBinaryMessageBufferSize(),
                    container.getDefaultAsyncSendTimeout()));
        } catch (DeploymentException e) {
            LOG.log(Level.WARNING, "Cannot open a session of " + config.getEndpointClass().getName(), e);
            throw new HandshakeException(500, "Internal Server Error");
        }
        return new Upgrade(session, limits, subprotocol.isEmpty() ? null : subprotocol,
                extensionsHeader(extensions), responseHeaders(response));
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

    private static List<Extension> toExtensions(List<ExtensionOffer> offers) {
        if (offers.isEmpty()) {
            return List.of();
        }
        List<Extension> list = new ArrayList<>(offers.size());
        for (ExtensionOffer offer : offers) {
            List<Extension.Parameter> params = new ArrayList<>();
            for (ExtensionOffer.Parameter p : offer.parameters()) {
                params.add(NegotiatedExtension.parameter(p.name(), p.value()));
            }
            list.add(new NegotiatedExtension(offer.name(), params));
        }
        return list;
    }

    private static String extensionsHeader(List<Extension> extensions) {
        if (extensions.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Extension e : extensions) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getName());
            for (Extension.Parameter p : e.getParameters()) {
                sb.append("; ").append(p.getName());
                if (p.getValue() != null) {
                    sb.append('=').append(p.getValue());
                }
            }
        }
        return sb.toString();
    }

    private static HttpHeaders responseHeaders(UpgradeHandshakeResponse response) {
        if (response.getHeaders().isEmpty()) {
            return null;
        }
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> e : response.getHeaders().entrySet()) {
            for (String v : e.getValue() == null ? Collections.<String>emptyList() : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        return headers;
    }
}
