package dev.ondine.impl.client;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.transport.ClientConnector;
import dev.ondine.impl.transport.ClientProxy;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.nio.NioClient;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

/**
 * The {@link ClientConnector} of Ondine's client containers: one {@link NioClient} (one daemon
 * selector loop) shared by every client container of this class loader. The loop starts with
 * the first connection, not with a container (every server container is also a client
 * container), and {@link #shutdownIfStarted} stops it.
 */
final class NioClientConnector implements ClientConnector {
    /** The connector every container made by {@link OndineClients} shares. */
    static final NioClientConnector SHARED = new NioClientConnector();

    private volatile NioClient nio;

    private NioClientConnector() {
    }

    @Override
    public CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                          Function<HandshakeResult, Upgrade> upgrade,
                                                          Limits limits, long connectTimeoutMillis,
                                                          SSLContext sslContext, boolean verifyHostname,
                                                          ClientProxy proxy) {
        return client().connect(uri, handshake, upgrade, limits, connectTimeoutMillis, sslContext, verifyHostname,
                proxy);
    }

    private NioClient client() {
        NioClient n = nio;
        if (n == null) {
            synchronized (this) {
                n = nio;
                if (n == null) {
                    n = new NioClient(1);
                    nio = n;
                }
            }
        }
        return n;
    }

    /**
     * Stops the selector loop if a connection ever started it; a later connection starts a
     * new one. Connections still open are cut.
     */
    void shutdownIfStarted() {
        NioClient n;
        synchronized (this) {
            n = nio;
            nio = null;
        }
        if (n != null) {
            n.close();
        }
    }
}
