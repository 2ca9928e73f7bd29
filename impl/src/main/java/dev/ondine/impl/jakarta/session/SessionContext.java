package dev.ondine.impl.jakarta.session;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.Limits;
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
 * or opened (client) the connection, in four groups: the opening handshake's request, what
 * the handshake negotiated, the limits the session starts with, and the container that owns it.
 *
 * @param endpoint   the endpoint instance this session belongs to
 * @param config     the endpoint's configuration (decoders, encoders, user properties)
 * @param request    what the session shows of the handshake's request
 * @param negotiated the subprotocol and extensions agreed on
 * @param limits     the session's initial limits
 * @param owner      the container, its open sessions of this endpoint, its threads
 * @param readingThread the endpoint, when this session runs its callbacks on the reading
 *                   thread ({@link dev.ondine.api.OnReadingThread}); null: on the owner's pool
 */
public record SessionContext(
        Endpoint endpoint,
        EndpointConfig config,
        Request request,
        Negotiated negotiated,
        InitialLimits limits,
        Owner owner,
        ReadingThreadEndpoint readingThread) {

    public SessionContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(negotiated, "negotiated");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(owner, "owner");
    }

    /** A session whose callbacks run on the owner's pool. */
    public SessionContext(Endpoint endpoint, EndpointConfig config, Request request, Negotiated negotiated,
                          InitialLimits limits, Owner owner) {
        this(endpoint, config, request, negotiated, limits, owner, null);
    }

    /**
     * The opening handshake's request as the session shows it (RFC 6455 §4.1, §4.2.1).
     *
     * @param uri            the request URI (with its query; {@code wss://} when secure)
     * @param secure         whether the connection is over TLS
     * @param parameters     the query parameters, decoded
     * @param pathParameters the URI-template variables matched on the server, empty on a client
     * @param userPrincipal  the authenticated user, or null
     * @param connection     the server's connection (addresses, TLS details), or null on a client
     */
    public record Request(URI uri, boolean secure, Map<String, List<String>> parameters,
                          Map<String, String> pathParameters, Principal userPrincipal, ConnectionInfo connection) {
        public Request {
            Objects.requireNonNull(uri, "uri");
            parameters = parameters == null ? Map.of() : parameters;
            pathParameters = pathParameters == null ? Map.of() : pathParameters;
        }

        /** A request whose connection is not told (a client's). */
        public Request(URI uri, boolean secure, Map<String, List<String>> parameters,
                       Map<String, String> pathParameters, Principal userPrincipal) {
            this(uri, secure, parameters, pathParameters, userPrincipal, null);
        }
    }

    /**
     * What the opening handshake agreed on (RFC 6455 §4.2.2, §9).
     *
     * @param subprotocol the negotiated subprotocol, or "" for none
     * @param extensions  the negotiated extensions
     */
    public record Negotiated(String subprotocol, List<Extension> extensions) {
        public Negotiated {
            subprotocol = subprotocol == null ? "" : subprotocol;
            extensions = extensions == null ? List.of() : List.copyOf(extensions);
        }
    }

    /**
     * The limits a session starts with: the container's defaults when it opens (Jakarta
     * WebSocket 2.2 {@code WebSocketContainer}), which the session may change, and the
     * engine's bound on received bytes waiting for the endpoint.
     *
     * @param idleTimeoutMillis       the idle timeout (0: none)
     * @param maxTextMessageBytes     the text message limit
     * @param maxBinaryMessageBytes   the binary message limit
     * @param asyncSendTimeoutMillis  the timeout of asynchronous sends (0 or less: none)
     * @param maxIncomingBacklogBytes bytes of received messages waiting for the endpoint
     *                                past which reading pauses ({@link Limits#MAX_INCOMING_BACKLOG})
     * @param blockingSendTimeoutMillis how long a blocking send may wait for its frame to be
     *                                written ({@link Limits#BLOCKING_SEND_TIMEOUT}; 0: for ever)
     */
    public record InitialLimits(long idleTimeoutMillis, int maxTextMessageBytes, int maxBinaryMessageBytes,
                                long asyncSendTimeoutMillis, long maxIncomingBacklogBytes,
                                long blockingSendTimeoutMillis) {

        /** The engine's limits as they are, with no asynchronous send timeout. */
        public static InitialLimits from(Limits limits) {
            return new InitialLimits(limits.idleTimeoutMillis(), limits.maxTextMessageBytes(),
                    limits.maxBinaryMessageBytes(), 0, limits.maxIncomingBacklogBytes(),
                    limits.blockingSendTimeoutMillis());
        }
    }

    /**
     * The container that owns the session.
     *
     * @param container the container ({@code Session.getContainer()}); null only in benchmarks
     * @param registry  the open sessions of the same endpoint
     * @param pool      the threads that run endpoint code
     * @param protocolErrors the container's summary of peers' protocol errors (one per
     *                  container, shared by its sessions: see {@link OndineSession#onError})
     */
    public record Owner(WebSocketContainer container, SessionRegistry registry, Executor pool,
                        RateLimitedSummary<Integer> protocolErrors) {
        public Owner {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(protocolErrors, "protocolErrors");
        }

        /** An owner whose sessions' protocol errors go to a summary of their own (benchmarks). */
        public Owner(WebSocketContainer container, SessionRegistry registry, Executor pool) {
            this(container, registry, pool, OndineSession.protocolErrorSummary("(unnamed container)"));
        }
    }
}
