package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.transport.ClientProxy;
import dev.ondine.impl.transport.Upgrade;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * One connect of the {@link NioClient}, on its selector loop: the TCP connection (to the
 * server, or to a proxy), then through a proxy the {@code CONNECT} phase
 * ({@link ProxyTunnelPhase}, and at most one more TCP connection when the proxy asks for
 * credentials), then TLS for {@code wss://}, then the opening handshake
 * ({@link ClientHandshakePhase}). The TCP connection and the proxy's answers share one
 * deadline, the connect timeout; the handshake phase has its own.
 */
final class ClientDial {
    private final SelectorLoop loop;
    private final InetSocketAddress address;
    private final ClientProxy proxy;
    private final String host;
    private final int port;
    private final ClientHandshake handshake;
    private final Function<HandshakeResult, Upgrade> listenerFactory;
    private final Limits limits;
    private final MaskKeySource maskKeys;
    private final Supplier<SSLEngine> tls;
    private final CompletableFuture<WebSocketConnection> result;
    private final long connectTimeoutMillis;
    private final long deadline;
    /** The stage under way, for a cancel: the TCP connect, the proxy's CONNECT, or the handshake. */
    private Connector connecting;
    private ProxyTunnelPhase tunnel;
    private ClientHandshakePhase handshaking;

    /**
     * @param address where to connect: the server, or the proxy when {@code proxy} is not null
     * @param host the URI's host, {@code port} its port (or the scheme's default)
     * @param tls engines for {@code wss://}, or null
     */
    ClientDial(SelectorLoop loop, InetSocketAddress address, ClientProxy proxy, String host, int port,
               ClientHandshake handshake, Function<HandshakeResult, Upgrade> listenerFactory, Limits limits,
               MaskKeySource maskKeys, long connectTimeoutMillis, Supplier<SSLEngine> tls,
               CompletableFuture<WebSocketConnection> result) {
        this.loop = loop;
        this.address = address;
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        this.handshake = handshake;
        this.listenerFactory = listenerFactory;
        this.limits = limits;
        this.maskKeys = maskKeys;
        this.tls = tls;
        this.result = result;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
    }

    /**
     * Opens a TCP connection; on the loop thread.
     *
     * @param withCredentials through a proxy: send its credentials with {@code CONNECT}
     */
    void dial(boolean withCredentials) {
        if (result.isDone()) {
            return; // cancelled before its turn came
        }
        SocketChannel sc = null;
        try {
            sc = SocketChannel.open();
            sc.configureBlocking(false);
            sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connector connector = new Connector(sc, withCredentials);
            connecting = connector;
            if (sc.connect(address)) {
                connector.connected();
            } else {
                sc.register(loop.selector(), SelectionKey.OP_CONNECT, connector);
                connector.timeout = loop.schedule(connector::timedOut, remainingMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            if (sc != null) {
                try {
                    sc.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            connectFailed(e);
        }
    }

    /** The caller gave up: the socket closes, in whichever stage the attempt is; on the loop thread. */
    void cancelled() {
        IOException cancelled = new IOException("Connect cancelled");
        if (handshaking != null) {
            handshaking.cancelled();
        } else if (tunnel != null) {
            tunnel.cancelled(cancelled);
        } else if (connecting != null) {
            connecting.failed(cancelled);
        }
    }

    private long remainingMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** The TCP connection failed or timed out. */
    private void connectFailed(Exception e) {
        if (proxy == null) {
            result.completeExceptionally(e);
            return;
        }
        IOException failure = new IOException("Cannot connect to " + proxy + ": " + e.getMessage(), e);
        proxy.unreachable().accept(failure);
        result.completeExceptionally(failure);
    }

    /** The TCP connection is up: the proxy's phase first, if any, else TLS or the handshake. */
    private void connected(SocketChannel socket, boolean withCredentials) throws IOException {
        NioChannel channel = new NioChannel(loop, socket, ch -> { });
        if (proxy != null) {
            ProxyTunnelPhase phase = new ProxyTunnelPhase(channel, proxy, host, port, withCredentials,
                    limits.maxHandshakeHeaderBytes(), remainingMillis(), connectTimeoutMillis, new TunnelOutcome());
            tunnel = phase;
            channel.register(phase);
            phase.begin();
            return;
        }
        ClientHandshakePhase phase = newHandshakePhase(channel);
        if (tls != null) {
            // The upgrade request goes out once the TLS handshake is done; the phase's
            // handshake timeout (already running) covers both.
            channel.useTls(tls.get(), phase::begin);
            channel.register(phase);
        } else {
            channel.register(phase);
            phase.begin();
        }
    }

    private ClientHandshakePhase newHandshakePhase(NioChannel channel) {
        handshaking = new ClientHandshakePhase(channel, handshake, listenerFactory, limits, maskKeys, result);
        return handshaking;
    }

    /** What the end of the {@code CONNECT} phase leads to. */
    private final class TunnelOutcome implements ProxyTunnelPhase.Outcome {
        @Override
        public void established(NioChannel channel, ByteBuffer early) {
            try {
                ClientHandshakePhase phase = newHandshakePhase(channel);
                if (tls != null) {
                    // TLS runs inside the tunnel, with the target's name (SNI and the certificate check).
                    channel.startTls(tls.get(), phase::begin, phase, early);
                } else {
                    channel.setPhase(phase);
                    phase.begin();
                    if (early.hasRemaining()) {
                        phase.onRead(early);
                    }
                }
            } catch (RuntimeException e) {
                // No phase may be left to report the end (an engine that could not be made).
                early.position(early.limit());
                result.completeExceptionally(e);
                channel.end(null);
            }
        }

        @Override
        public void retryWithCredentials() {
            dial(true);
        }

        @Override
        public void failed(IOException cause, boolean unreachable) {
            if (unreachable) {
                proxy.unreachable().accept(cause);
            }
            result.completeExceptionally(cause);
        }
    }

    /** Waits for the TCP connection, then starts the first phase. */
    private final class Connector implements SelectorLoop.Selectable {
        private final SocketChannel socket;
        private final boolean withCredentials;
        Transport.Cancellable timeout;

        Connector(SocketChannel socket, boolean withCredentials) {
            this.socket = socket;
            this.withCredentials = withCredentials;
        }

        @Override
        public void onReady(SelectionKey key) {
            try {
                if (!socket.finishConnect()) {
                    return;
                }
                if (timeout != null) {
                    timeout.cancel();
                }
                // Registering again with the same selector reuses this key with the
                // channel's own interest and attachment.
                connected();
            } catch (IOException e) {
                failed(e);
            }
        }

        void connected() throws IOException {
            ClientDial.this.connected(socket, withCredentials);
        }

        void timedOut() {
            failed(new IOException("Connect timed out"));
        }

        void failed(Exception e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            connectFailed(e);
        }

        @Override
        public void onFailure(RuntimeException e) {
            failed(e);
        }

        @Override
        public void onLoopStopped() {
            failed(new IOException("Client stopped"));
        }
    }
}
