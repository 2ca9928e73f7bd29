package dev.ondine.api.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * What Ondine's client containers offer beyond {@link WebSocketContainer}: a connect that
 * never blocks the caller, and connections that reconnect by themselves. Every Ondine
 * container (client, standalone server, web application) is one; find it with
 * {@link #of(WebSocketContainer)}.
 *
 * <pre>{@code
 * OndineClient client = OndineClient.of(ContainerProvider.getWebSocketContainer());
 * client.connectAsync(new MyEndpoint(), URI.create("ws://example.com/feed"))
 *       .thenAccept(session -> session.getAsyncRemote().sendText("hello"));
 *
 * Reconnecting feed = client.reconnect(new MyEndpoint(), URI.create("ws://example.com/feed"),
 *         ReconnectPolicy.defaults());     // onOpen with a new Session after each reconnect
 * }</pre>
 */
public interface OndineClient {

    /**
     * The Ondine client of {@code container}.
     *
     * @throws IllegalArgumentException if the container is not Ondine's
     */
    static OndineClient of(WebSocketContainer container) {
        if (container instanceof OndineClient client) {
            return client;
        }
        throw new IllegalArgumentException("not an Ondine container: "
                + (container == null ? "null" : container.getClass().getName()));
    }

    /**
     * Connects an {@code @ClientEndpoint} instance, as
     * {@link WebSocketContainer#connectToServer(Object, URI)} does, without blocking: the
     * caller's thread only hands the attempt over. Name resolution, the TCP connection, TLS,
     * the opening handshake and {@code onOpen} all happen on Ondine's threads.
     *
     * @return completes with the session once the endpoint's {@code onOpen} has returned;
     *         or exceptionally with the {@link DeploymentException} (a bad endpoint or URI, a
     *         handshake the server refused) or the {@link IOException} (network failure,
     *         timeout, TLS failure) that the blocking connect throws. Cancelling it abandons
     *         the attempt: the socket is closed, or the connection if it opened meanwhile.
     */
    CompletableFuture<Session> connectAsync(Object annotatedEndpointInstance, URI uri);

    /** As {@link #connectAsync(Object, URI)} for a new instance of an {@code @ClientEndpoint} class (made on Ondine's threads). */
    CompletableFuture<Session> connectAsync(Class<?> annotatedEndpointClass, URI uri);

    /** As {@link #connectAsync(Object, URI)} for a programmatic endpoint and its configuration (null: the defaults). */
    CompletableFuture<Session> connectAsync(Endpoint endpoint, ClientEndpointConfig config, URI uri);

    /** As {@link #connectAsync(Object, URI)} for a new instance of a programmatic endpoint class (made on Ondine's threads). */
    CompletableFuture<Session> connectAsync(Class<? extends Endpoint> endpointClass, ClientEndpointConfig config, URI uri);

    /**
     * Connects {@code endpoint} and keeps it connected: when an attempt fails or the session
     * ends, the policy decides whether and when to try again. The same endpoint instance
     * sees each new connection as a new {@link Session}: {@code onOpen} again, after the
     * {@code onClose} of the previous one. Returns at once; the first attempt starts now.
     */
    Reconnecting reconnect(Endpoint endpoint, ClientEndpointConfig config, URI uri, ReconnectPolicy policy);

    /** As {@link #reconnect(Endpoint, ClientEndpointConfig, URI, ReconnectPolicy)} for an {@code @ClientEndpoint} instance. */
    Reconnecting reconnect(Object annotatedEndpointInstance, URI uri, ReconnectPolicy policy);
}
