package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.transport.Upgrade;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Ondine's WebSocket client over {@code java.nio}: non-blocking connect, the opening
 * handshake of RFC 6455 §4.1, then a client-role {@link WebSocketConnection}. Its selector
 * loops are daemon threads, shared by all connections of this client.
 */
public final class NioClient implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SelectorLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final MaskKeySource maskKeys = new MaskKeySource();

    /** @param loopCount selector threads; 0 or less means one. */
    public NioClient(int loopCount) {
        int n = Math.max(1, loopCount);
        int id = INSTANCES.incrementAndGet();
        loops = new SelectorLoop[n];
        for (int i = 0; i < n; i++) {
            loops[i] = new SelectorLoop("ondine-client-" + id + "-" + i, true);
            loops[i].start();
        }
    }

    /** Opens a WebSocket connection; {@code wss://} with the JDK's default trust and hostname verification. */
    public CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                          Function<HandshakeResult, Upgrade> listenerFactory,
                                                          Limits limits, long connectTimeoutMillis) {
        return connect(uri, handshake, listenerFactory, limits, connectTimeoutMillis, null, true);
    }

    /**
     * Opens a WebSocket connection to {@code uri} ({@code ws://} or {@code wss://}).
     *
     * @param handshake the request to send (subprotocols, extensions and headers offered)
     * @param listenerFactory makes the listener, and the extension codec, once the server's
     *        answer is known and valid; it may refuse the answer by throwing
     * @param limits the connection's limits (also the handshake's size and time limits)
     * @param connectTimeoutMillis time for the TCP connection
     * @param sslContext for {@code wss://}: the context whose trust managers judge the server
     *        (null: {@link SSLContext#getDefault()}, the JDK's default trust store)
     * @param verifyHostname for {@code wss://}: whether the server's certificate must name the
     *        URI's host (RFC 2818 / RFC 6125 rules, {@code "HTTPS"} endpoint identification)
     * @return completes with the open connection (after the listener's onOpen), or with the
     *         failure; cancelling it closes the attempt's socket, whatever phase it is in (TCP
     *         connect, TLS, the opening handshake), on the loop's thread
     */
    public CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                          Function<HandshakeResult, Upgrade> listenerFactory,
                                                          Limits limits, long connectTimeoutMillis,
                                                          SSLContext sslContext, boolean verifyHostname) {
        // The host name is resolved here, on the calling thread: the Jakarta client calls from its pool.
        CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            result.completeExceptionally(new IOException("Unsupported scheme for this client: " + uri.getScheme()));
            return result;
        }
        boolean secure = scheme.equals("wss");
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        Supplier<SSLEngine> engines = null;
        if (secure) {
            SSLContext context;
            try {
                context = sslContext != null ? sslContext : SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                result.completeExceptionally(new IOException("No default TLS context", e));
                return result;
            }
            String host = uri.getHost();
            engines = () -> clientEngine(context, host, port, verifyHostname);
        }
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
        if (address.isUnresolved()) {
            result.completeExceptionally(new IOException("Cannot resolve host " + uri.getHost()));
            return result;
        }
        SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        Supplier<SSLEngine> tls = engines;
        loop.execute(() -> startConnect(loop, address, handshake, listenerFactory, limits, connectTimeoutMillis, tls,
                result));
        return result;
    }

    /**
     * A client engine for {@code host}: SNI names the host (unless it is an IP literal, which
     * SNI may not carry, RFC 6066 §3), and with {@code verifyHostname} the server's
     * certificate must match it.
     */
    static SSLEngine clientEngine(SSLContext context, String host, int port, boolean verifyHostname) {
        String peer = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        SSLEngine engine = context.createSSLEngine(peer, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        if (verifyHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(peer)) {
            try {
                params.setServerNames(List.of(new SNIHostName(peer)));
            } catch (IllegalArgumentException ignored) {
                // not a valid SNI name: none is sent
            }
        }
        engine.setSSLParameters(params);
        return engine;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private void startConnect(SelectorLoop loop, InetSocketAddress address, ClientHandshake handshake,
                              Function<HandshakeResult, Upgrade> listenerFactory, Limits limits,
                              long connectTimeoutMillis, Supplier<SSLEngine> tls,
                              CompletableFuture<WebSocketConnection> result) {
        if (result.isDone()) {
            return; // cancelled before its turn came
        }
        SocketChannel sc = null;
        try {
            sc = SocketChannel.open();
            sc.configureBlocking(false);
            sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SocketChannel socket = sc;
            Connector connector = new Connector(loop, socket, handshake, listenerFactory, limits, tls, result);
            result.whenComplete((c, e) -> {
                if (result.isCancelled()) {
                    loop.execute(connector::cancelled);
                }
            });
            if (sc.connect(address)) {
                connector.connected();
            } else {
                sc.register(loop.selector(), SelectionKey.OP_CONNECT, connector);
                connector.timeout = loop.schedule(connector::timedOut, connectTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            if (sc != null) {
                try {
                    sc.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            result.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
    }

    /** Waits for the TCP connection, then starts the handshake. */
    private final class Connector implements SelectorLoop.Selectable {
        private final SelectorLoop loop;
        private final SocketChannel socket;
        private final ClientHandshake handshake;
        private final Function<HandshakeResult, Upgrade> listenerFactory;
        private final Limits limits;
        private final CompletableFuture<WebSocketConnection> result;
        private final Supplier<SSLEngine> tls;
        Transport.Cancellable timeout;
        private ClientHandshakePhase phase;

        Connector(SelectorLoop loop, SocketChannel socket, ClientHandshake handshake,
                  Function<HandshakeResult, Upgrade> listenerFactory, Limits limits,
                  Supplier<SSLEngine> tls, CompletableFuture<WebSocketConnection> result) {
            this.tls = tls;
            this.loop = loop;
            this.socket = socket;
            this.handshake = handshake;
            this.listenerFactory = listenerFactory;
            this.limits = limits;
            this.result = result;
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
            NioChannel channel = new NioChannel(loop, socket, ch -> { });
            phase = new ClientHandshakePhase(channel, handshake, listenerFactory, limits, maskKeys, result);
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

        void timedOut() {
            failed(new IOException("Connect timed out"));
        }

        /** The caller gave up: the socket closes, in whichever phase the attempt is. */
        void cancelled() {
            if (phase != null) {
                phase.cancelled();
                return;
            }
            if (timeout != null) {
                timeout.cancel();
            }
            failed(new IOException("Connect cancelled"));
        }

        private void failed(Throwable e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            result.completeExceptionally(e);
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
