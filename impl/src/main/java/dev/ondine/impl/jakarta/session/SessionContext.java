package dev.ondine.impl.jakarta.session;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything a new session needs to know, gathered by the container that accepted (server)
 * or opened (client) the connection.
 *
 * @param endpoint the endpoint instance this session belongs to
 * @param config the endpoint's configuration (decoders, encoders, user properties)
 * @param container the container that owns the session
 * @param requestUri the request URI of the opening handshake (with its query)
 * @param requestParameters the query parameters, decoded
 * @param pathParameters the URI-template variables matched on the server, empty on a client
 * @param userPrincipal the authenticated user, or null
 * @param subprotocol the negotiated subprotocol, or "" for none
 * @param extensions the negotiated extensions
 * @param secure whether the connection is over TLS
 * @param registry the open sessions of the same endpoint
 * @param pool the threads that run endpoint code
 * @param idleTimeoutMillis the initial idle timeout (0: none)
 * @param maxTextMessageBytes the initial text message limit
 * @param maxBinaryMessageBytes the initial binary message limit
 * @param asyncSendTimeoutMillis the initial timeout of asynchronous sends (0 or less: none)
 */
public record SessionContext(
        Endpoint endpoint,
        EndpointConfig config,
        WebSocketContainer container,
        URI requestUri,
        Map<String, List<String>> requestParameters,
        Map<String, String> pathParameters,
        Principal userPrincipal,
        String subprotocol,
        List<Extension> extensions,
        boolean secure,
        SessionRegistry registry,
        Executor pool,
        long idleTimeoutMillis,
        int maxTextMessageBytes,
        int maxBinaryMessageBytes,
        long asyncSendTimeoutMillis) {

    public SessionContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(requestUri, "requestUri");
        requestParameters = requestParameters == null ? Map.of() : requestParameters;
        pathParameters = pathParameters == null ? Map.of() : pathParameters;
        subprotocol = subprotocol == null ? "" : subprotocol;
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pool, "pool");
    }
}
