package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.api.TlsConfig.ClientAuth;
import dev.ondine.impl.transport.HttpResponder;
import dev.ondine.impl.transport.UpgradeAcceptor;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Ondine's standalone WebSocket server over {@code java.nio}: one acceptor (on the first
 * selector loop) and a small number of selector loops that own the accepted sockets,
 * assigned round robin. Each socket goes through the opening handshake and then belongs to
 * a WebSocket connection on its loop.
 *
 * <p>{@link #stop(long, TimeUnit)} is an orderly shutdown: stop accepting, close every open
 * WebSocket connection with 1001 (RFC 6455 §7.4.1, going away), wait for the closing
 * handshakes up to a deadline, then close what is left and end the loops.
 */
public final class NioServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NioServer.class.getName());

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final InetSocketAddress requestedAddress;
    private final UpgradeAcceptor acceptor;
    private volatile HttpResponder responder;
    private volatile Executor applicationExecutor;
    private final Limits limits;
    private final SelectorLoop[] loops;
    private final Set<NioChannel> channels = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress =
            new ConcurrentHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private ServerSocketChannel serverChannel;
    private volatile SSLContext tlsContext;
    private volatile String[] tlsProtocols = new String[0];
    private volatile ClientAuth clientAuth = ClientAuth.NONE;
    private volatile boolean stopping;

    /**
     * @param address where to listen (port 0 picks a free port)
     * @param acceptor decides on upgrade requests
     * @param limits handshake limits (header size, time); connections use the limits the acceptor gives
     * @param loopCount selector threads; 0 or less means one per available processor
     */
    public NioServer(InetSocketAddress address, UpgradeAcceptor acceptor, Limits limits, int loopCount) {
        this.requestedAddress = address;
        this.acceptor = acceptor;
        this.limits = limits;
        int n = loopCount > 0 ? loopCount : Math.max(1, Runtime.getRuntime().availableProcessors());
        this.loops = new SelectorLoop[n];
        // Named by server instance, not by the port asked for (often 0), so that threads of
        // several servers in one JVM can be told apart.
        int id = INSTANCES.incrementAndGet();
        for (int i = 0; i < n; i++) {
            loops[i] = new SelectorLoop("ondine-nio-" + id + "-" + i, false);
        }
    }

    /**
     * Serves TLS only ({@code wss://}), with engines from {@code context} speaking
     * {@code protocols} (those the JDK supports among them); null: plain TCP. Before {@link #start()}.
     */
    public void setTls(SSLContext context, List<String> protocols) {
        setTls(context, protocols, ClientAuth.NONE);
    }

    /**
     * As {@link #setTls(SSLContext, List)}, asking clients for a certificate ({@code WANT}) or
     * requiring one ({@code NEED}): the context's trust managers judge it.
     */
    public void setTls(SSLContext context, List<String> protocols, ClientAuth clientAuth) {
        this.clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
        if (context == null) {
            this.tlsContext = null;
            return;
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        List<String> enabled = new ArrayList<>();
        for (String p : protocols == null ? List.<String>of() : protocols) {
            if (supported.contains(p)) {
                enabled.add(p);
            }
        }
        if (protocols != null && !protocols.isEmpty() && enabled.isEmpty()) {
            throw new IllegalArgumentException("None of the TLS protocols " + protocols + " is supported by this JDK");
        }
        this.tlsContext = context;
        this.tlsProtocols = enabled.toArray(new String[0]);
    }

    /** Whether the server speaks TLS. */
    public boolean isSecure() {
        return tlsContext != null;
    }

    private SSLEngine newServerEngine() {
        SSLEngine engine = tlsContext.createSSLEngine();
        engine.setUseClientMode(false);
        if (tlsProtocols.length > 0) {
            engine.setEnabledProtocols(tlsProtocols);
        }
        // RFC 8446 §4.3.2 CertificateRequest (RFC 5246 §7.4.4): NEED fails the handshake of a
        // client that sends no certificate; either mode fails it for one the trust managers refuse.
        switch (clientAuth) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            default -> {
                // no certificate asked for
            }
        }
        return engine;
    }

    /**
     * Runs the application's part of each handshake (the {@link UpgradeAcceptor} and the HTTP
     * responder, which call user code) on {@code executor} from now on, not on the selector
     * threads; null (the default): on the selector thread, for acceptors that call no user code.
     */
    public void setApplicationExecutor(Executor executor) {
        this.applicationExecutor = executor;
    }

    /** Answers plain HTTP requests (no upgrade) from now on; null: only WebSocket handshakes. */
    public void setHttpResponder(HttpResponder responder) {
        this.responder = responder;
    }

    /** Binds and starts serving. */
    public synchronized void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("Already started");
        }
        ServerSocketChannel ssc = ServerSocketChannel.open();
        try {
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ssc.bind(requestedAddress, 1024);
            ssc.configureBlocking(false);
        } catch (IOException e) {
            ssc.close();
            throw e;
        }
        serverChannel = ssc;
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        SelectorLoop acceptLoop = loops[0];
        Acceptor acceptorHandler = new Acceptor(ssc);
        acceptLoop.submit(() -> {
            if (!ssc.isOpen()) {
                return; // stopped before the loop got here: nothing to accept any more
            }
            try {
                ssc.register(acceptLoop.selector(), SelectionKey.OP_ACCEPT, acceptorHandler);
            } catch (ClosedChannelException e) {
                LOG.log(Level.FINE, "The server stopped while its socket was being registered", e);
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "Cannot register the server socket", e);
            }
        });
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) serverChannel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("Server is not bound", e);
        }
    }

    /** Open sockets (in the handshake or WebSocket phase). */
    public int connectionCount() {
        return channels.size();
    }

    /**
     * Stops accepting, closes WebSocket connections with 1001, and waits up to
     * {@code timeout} for them to end before closing the rest.
     */
    public void stop(long timeout, TimeUnit unit) {
        synchronized (this) {
            if (stopping || serverChannel == null) {
                return;
            }
            stopping = true;
        }
        try {
            serverChannel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the server socket failed", e);
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (NioChannel ch : channels) {
            ch.loop().execute(ch::goAway);
        }
        while (!channels.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
        for (SelectorLoop loop : loops) {
            try {
                if (!loop.awaitStopped(5, TimeUnit.SECONDS)) {
                    LOG.warning("A selector loop did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop(limits.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    Set<NioChannel> channels() {
        return Collections.unmodifiableSet(channels);
    }

    /**
     * Counts a new connection from {@code address} if the limits allow it: at most
     * {@code ondine.maxConnections} in all and {@code ondine.maxConnectionsPerAddress} from one
     * address, so that one client cannot take every file descriptor.
     */
    private boolean admit(InetAddress address) {
        if (channels.size() >= limits.maxConnections()) {
            return false;
        }
        AtomicInteger n = perAddress.computeIfAbsent(address,
                a -> new AtomicInteger());
        if (n.incrementAndGet() > limits.maxConnectionsPerAddress()) {
            release(null, address);
            return false;
        }
        return true;
    }

    private void release(NioChannel ch, InetAddress address) {
        if (ch != null && !channels.remove(ch)) {
            return;
        }
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /**
     * Over a connection limit: a short 503 (RFC 7231 §6.6.4) written without waiting, then
     * the socket is closed. On a TLS port the socket is closed without an answer: the client
     * speaks TLS first, a plain-text 503 would only be a bad record to it, and answering in
     * TLS would spend a handshake on the connection the limit is there to turn away.
     */
    private void refuse(SocketChannel sc) {
        if (tlsContext != null) {
            closeQuietly(sc);
            return;
        }
        try {
            sc.configureBlocking(false);
            sc.write(ByteBuffer.wrap(REFUSAL.clone()));
        } catch (IOException | RuntimeException ignored) {
            // the socket is closed below either way
        }
        closeQuietly(sc);
    }

    private static final byte[] REFUSAL = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
            + "Connection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private SelectorLoop pickLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    /** Accepts sockets on the first loop and hands each to a loop. */
    private final class Acceptor implements SelectorLoop.Selectable {
        private final ServerSocketChannel ssc;

        Acceptor(ServerSocketChannel ssc) {
            this.ssc = ssc;
        }

        @Override
        public void onReady(SelectionKey key) {
            for (int i = 0; i < 64 && !stopping; i++) {
                SocketChannel sc;
                try {
                    sc = ssc.accept();
                } catch (IOException e) {
                    // Out of file descriptors and the like: log and try again on the next readiness.
                    LOG.log(Level.WARNING, "Accept failed", e);
                    return;
                }
                if (sc == null) {
                    return;
                }
                adopt(sc);
            }
        }

        private void adopt(SocketChannel sc) {
            InetAddress address;
            try {
                address = ((InetSocketAddress) sc.getRemoteAddress()).getAddress();
            } catch (IOException | RuntimeException e) {
                closeQuietly(sc);
                return;
            }
            if (!admit(address)) {
                refuse(sc);
                return;
            }
            SelectorLoop loop = pickLoop();
            NioChannel ch;
            try {
                sc.configureBlocking(false);
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch = new NioChannel(loop, sc, c -> release(c, address));
                if (tlsContext != null) {
                    ch.useTls(newServerEngine(), null);
                }
            } catch (IOException | RuntimeException e) {
                release(null, address);
                closeQuietly(sc);
                return;
            }
            channels.add(ch);
            loop.execute(() -> {
                try {
                    ch.register(new ServerHandshakePhase(ch, acceptor, responder, applicationExecutor,
                            limits.maxHandshakeHeaderBytes(),
                            limits.handshakeTimeoutMillis()));
                } catch (IOException e) {
                    release(ch, address);
                    closeQuietly(sc);
                }
            });
        }

        @Override
        public void onFailure(RuntimeException e) {
            LOG.log(Level.WARNING, "Acceptor failed", e);
        }

        @Override
        public void onLoopStopped() {
            closeQuietly(ssc);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
