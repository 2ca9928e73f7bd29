package dev.ondine.impl.transport;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeResult;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

/**
 * What the client side of the layer above asks of a transport: open a WebSocket connection
 * to a {@code ws://} or {@code wss://} URI, run the opening handshake (RFC 6455 §4.1), and
 * hand the connection to the listener the layer above makes from the server's answer. The
 * client's counterpart of {@link UpgradeAcceptor}: the Jakarta client container is given one
 * (by a bootstrap, over the NIO client) and never names a transport.
 */
@FunctionalInterface
public interface ClientConnector {

    /**
     * Opens a WebSocket connection to {@code uri}.
     *
     * @param handshake the request to send (subprotocols, extensions and headers offered)
     * @param upgrade makes the listener, and the extension codec, once the server's answer is
     *        known and valid; it may refuse the answer by throwing
     * @param limits the connection's limits (also the handshake's size and time limits)
     * @param connectTimeoutMillis time for the TCP connection, and for a proxy's answer to
     *        {@code CONNECT}
     * @param sslContext for {@code wss://}: the context whose trust managers judge the server
     *        (null: {@link SSLContext#getDefault()})
     * @param verifyHostname for {@code wss://}: whether the server's certificate must name the
     *        URI's host (through a proxy too: TLS runs inside the tunnel, with the URI's host)
     * @param proxy the HTTP proxy to tunnel through, or null to connect directly
     * @return completes with the open connection (after the listener's onOpen), or with the failure
     */
    CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                   Function<HandshakeResult, Upgrade> upgrade,
                                                   Limits limits, long connectTimeoutMillis,
                                                   SSLContext sslContext, boolean verifyHostname,
                                                   ClientProxy proxy);
}
