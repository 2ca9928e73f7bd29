package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.transport.ClientProxy;
import dev.ondine.impl.transport.Upgrade;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Ondine's WebSocket client over {@code java.nio}: non-blocking connect (directly, or through
 * an HTTP proxy's {@code CONNECT} tunnel), TLS for {@code wss://}, the opening handshake of
 * RFC 6455 §4.1, then a client-role {@link WebSocketConnection} (the phases: {@link ClientDial}). Its selector
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
        return connect(uri, handshake, listenerFactory, limits, connectTimeoutMillis, null, true, null);
    }

    /**
     * Opens a WebSocket connection to {@code uri} ({@code ws://} or {@code wss://}), directly.
     *
     * @see #connect(URI, ClientHandshake, Function, Limits, long, SSLContext, boolean, ClientProxy)
     */
    public CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                          Function<HandshakeResult, Upgrade> listenerFactory,
                                                          Limits limits, long connectTimeoutMillis,
                                                          SSLContext sslContext, boolean verifyHostname) {
        return connect(uri, handshake, listenerFactory, limits, connectTimeoutMillis, sslContext, verifyHostname, null);
    }

    /**
     * Opens a WebSocket connection to {@code uri} ({@code ws://} or {@code wss://}).
     *
     * @param handshake the request to send (subprotocols, extensions and headers offered)
     * @param listenerFactory makes the listener, and the extension codec, once the server's
     *        answer is known and valid; it may refuse the answer by throwing
     * @param limits the connection's limits (also the handshake's size and time limits)
     * @param connectTimeoutMillis time for the TCP connection, and for the proxy's answer to
     *        {@code CONNECT} (a 407 and the retry with credentials included)
     * @param sslContext for {@code wss://}: the context whose trust managers judge the server
     *        (null: {@link SSLContext#getDefault()}, the JDK's default trust store)
     * @param verifyHostname for {@code wss://}: whether the server's certificate must name the
     *        URI's host (RFC 2818 / RFC 6125 rules, {@code "HTTPS"} endpoint identification);
     *        through a proxy too, it is the URI's host that the certificate must name
     * @param proxy the HTTP proxy to tunnel through ({@code CONNECT}, RFC 9110 §9.3.6), or
     *        null to connect directly; the URI's host is then resolved by the proxy, not here
     * @return completes with the open connection (after the listener's onOpen), or with the
     *         failure; cancelling it closes the attempt's socket, whatever phase it is in (TCP
     *         connect, the proxy's CONNECT, TLS, the opening handshake), on the loop's thread
     */
    public CompletableFuture<WebSocketConnection> connect(URI uri, ClientHandshake handshake,
                                                          Function<HandshakeResult, Upgrade> listenerFactory,
                                                          Limits limits, long connectTimeoutMillis,
                                                          SSLContext sslContext, boolean verifyHostname,
                                                          ClientProxy proxy) {
        // Host names are resolved here, on the calling thread: the Jakarta client calls from its pool.
        CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            result.completeExceptionally(new IOException("Unsupported scheme for this client: " + uri.getScheme()));
            return result;
        }
        if (uri.getHost() == null) {
            result.completeExceptionally(new IOException("No host in " + uri));
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
        InetSocketAddress address;
        if (proxy == null) {
            address = new InetSocketAddress(uri.getHost(), port);
            if (address.isUnresolved()) {
                result.completeExceptionally(new IOException("Cannot resolve host " + uri.getHost()));
                return result;
            }
        } else {
            address = proxy.address();
            if (address.isUnresolved()) {
                address = new InetSocketAddress(address.getHostString(), address.getPort());
            }
            if (address.isUnresolved()) {
                IOException e = new IOException("Cannot resolve the host of " + proxy);
                proxy.unreachable().accept(e);
                result.completeExceptionally(e);
                return result;
            }
        }
        SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        ClientDial dial = new ClientDial(loop, address, proxy, uri.getHost(), port, handshake, listenerFactory,
                limits, maskKeys, connectTimeoutMillis, engines, result);
        result.whenComplete((c, e) -> {
            if (result.isCancelled()) {
                loop.execute(dial::cancelled);
            }
        });
        loop.execute(() -> dial.dial(false));
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

    @Override
    public void close() {
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
    }

}
