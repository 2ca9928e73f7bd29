package dev.ondine.impl.jakarta.session;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.PeerProtocolException;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.PartSink;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.codec.Decoders;
import dev.ondine.impl.jakarta.codec.Encoders;
import dev.ondine.impl.jakarta.codec.GenericTypes;
import dev.ondine.impl.jakarta.codec.MessageKind;
import dev.ondine.impl.jakarta.session.delivery.Inbox;
import dev.ondine.impl.jakarta.session.delivery.ReadBacklog;
import dev.ondine.impl.jakarta.session.delivery.Receiver;
import dev.ondine.impl.jakarta.session.delivery.RegisteredHandlers;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.ProtocolException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Jakarta WebSocket {@link Session} over one {@link WebSocketConnection}, and the
 * connection's listener.
 *
 * <p>Threading (Jakarta WebSocket 2.2 §5.1): the connection reports on its selector
 * thread; every call into user code (the endpoint's lifecycle methods, message handlers,
 * send handlers) runs on the container's pool through this session's {@link SerialExecutor},
 * so calls for one session never overlap and keep message order, and user code that blocks
 * never stalls a selector. An endpoint that opted in ({@link dev.ondine.api.OnReadingThread})
 * has its session's executor run them on the reading thread instead
 * ({@link ReadingThreadExecutor}); sends made there then never wait. What waits in the
 * executor is counted: past the session's
 * {@link SessionContext.InitialLimits#maxIncomingBacklogBytes() backlog limit} reading
 * pauses until the endpoint has caught up.
 *
 * <p>Messages reach the handlers through the sink chosen for each handler when it is added
 * ({@link RegisteredHandlers}); whole or in pieces is decided once per message, at its first
 * frame, by the {@link Receiver} (which also makes a message that begins before
 * {@code onOpen} returned wait for the handlers {@code onOpen} registers).
 */
public final class OndineSession implements Session, ConnectionListener, ConnectionInfo.Holder {
    private static final Logger LOG = Logger.getLogger(OndineSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = Long.toHexString(IDS.incrementAndGet());
    private final SessionContext context;
    private final SerialExecutor serial;
    /** Where the callbacks run when the endpoint opted in to the reading thread; null: the pool. */
    private final ReadingThreadExecutor readingThread;
    /** Null keys and values allowed, as in any HashMap the developer may expect; several threads may use it. */
    private final Map<String, Object> userProperties = Collections.synchronizedMap(new HashMap<>());
    private final Encoders encoders;
    private final Decoders decoders;
    private final BasicRemote basic;
    private final AsyncRemote async;
    private final ReadBacklog backlog;
    private final Inbox inbox;
    private final RegisteredHandlers handlers;
    private final Receiver receiver;
    private final EndpointLifecycle lifecycle;
    private final EndHooks endHooks = new EndHooks();

    private volatile WebSocketConnection connection;
    private volatile long idleTimeoutMillis;
    private volatile int maxTextBytes;
    private volatile int maxBinaryBytes;

    /**
     * @throws DeploymentException when an encoder or decoder of the configuration cannot be
     *         created (the container refuses the handshake)
     */
    public OndineSession(SessionContext context) throws DeploymentException {
        this.context = context;
        // While more received messages wait behind the one being handled, replies are corked
        // and leave together when the last one is handled: one write for a burst, not one each.
        ReadingThreadEndpoint onReadingThread = context.readingThread();
        this.readingThread = onReadingThread == null || onReadingThread.demoted() ? null
                : new ReadingThreadExecutor(context.owner().pool(), onReadingThread);
        this.serial = new SerialExecutor(readingThread != null ? readingThread : context.owner().pool(), more -> {
            WebSocketConnection c = connection;
            if (c != null) {
                c.setCorked(more);
            }
        });
        EndpointConfig config = context.config();
        this.userProperties.putAll(config.getUserProperties());
        this.encoders = Encoders.create(config.getEncoders(), config);
        try {
            this.decoders = Decoders.create(config.getDecoders(), config);
        } catch (DeploymentException | RuntimeException e) {
            encoders.destroy();
            throw e;
        }
        this.basic = new BasicRemote(this, context.limits().blockingSendTimeoutMillis());
        this.async = new AsyncRemote(this, context.limits().asyncSendTimeoutMillis(),
                context.limits().blockingSendTimeoutMillis());
        this.idleTimeoutMillis = context.limits().idleTimeoutMillis();
        this.maxTextBytes = context.limits().maxTextMessageBytes();
        this.maxBinaryBytes = context.limits().maxBinaryMessageBytes();
        this.backlog = new ReadBacklog(context.limits().maxIncomingBacklogBytes(), this::pauseForBacklog, this::resumeAfterBacklog);
        this.inbox = new Inbox(serial, backlog, new Inbox.Owner() {
            @Override
            public void handlerFailed(Throwable error) {
                lifecycle.error(error);
            }

            @Override
            public void dropped(MessageKind kind) {
                noHandler(kind);
            }

            @Override
            public void tooBig(MessageKind kind, long limit) {
                WebSocketConnection c = connection;
                if (c != null) {
                    // §2.1.3: a message over the session's buffer size closes the session with 1009.
                    c.close(CloseCodes.TOO_BIG, (kind == MessageKind.TEXT ? "Text" : "Binary")
                            + " message larger than " + limit + " bytes");
                }
            }

            @Override
            public void streamStarted() {
                if (readingThread != null) {
                    // The handler reads a stream the reading thread fills: it must not run there.
                    readingThread.moveToPool();
                }
            }
        });
        this.lifecycle = new EndpointLifecycle(this, context.endpoint(), config, serial,
                !encoders.isEmpty() || !decoders.isEmpty(), () -> {
                    context.owner().registry().remove(this);
                    encoders.destroy();
                    decoders.destroy();
                });
        this.handlers = new RegisteredHandlers(inbox, decoders);
        this.receiver = new Receiver(inbox, handlers, lifecycle.opened()::isDone, () -> maxTextBytes,
                () -> maxBinaryBytes);
    }

    // ================================================================ ConnectionListener (reading thread)

    @Override
    public void onOpen(WebSocketConnection c) {
        this.connection = c;
        c.setIdleTimeoutMillis(idleTimeoutMillis);
        c.setMaxTextMessageBytes(maxTextBytes);
        c.setMaxBinaryMessageBytes(maxBinaryBytes);
        context.owner().registry().add(this);
        lifecycle.open();
    }

    /** Completes once the endpoint's onOpen has run (a client returns the session then). */
    public CompletableFuture<Session> opened() {
        return lifecycle.opened();
    }

    /**
     * Completes with the close code and reason the endpoint was told, once its onClose has
     * returned (a reconnecting client decides then, so that onOpen of the next session comes after).
     */
    public CompletableFuture<CloseReason> ended() {
        return lifecycle.ended();
    }

    @Override
    public PartSink<String> textParts() {
        return receiver.textParts();
    }

    @Override
    public PartSink<ByteBuffer> binaryParts() {
        return receiver.binaryParts();
    }

    @Override
    public void onText(String message) {
        receiver.text(message);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        receiver.binary(message);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        receiver.pong(payload);
    }

    /**
     * An error of the connection: an I/O failure (a reset), or the peer's protocol error,
     * which becomes a {@link PeerProtocolException} for the endpoint (see
     * {@link #peerProtocolError}).
     */
    @Override
    public void onError(Throwable error) {
        if (error instanceof ProtocolException e) {
            lifecycle.connectionError(peerProtocolError(e));
        } else {
            lifecycle.connectionError(error);
        }
    }

    /**
     * The one place where a peer's protocol error (RFC 6455 §7.1.7: the connection is being
     * failed with 1002, 1007 or 1009) is observed above the core: logged at FINE, counted
     * in the owning container's summary (at most one INFO line a minute), and handed to the
     * endpoint as the public {@link PeerProtocolException}. Per-container counters belong here.
     */
    private PeerProtocolException peerProtocolError(ProtocolException e) {
        context.owner().protocolErrors().record(e.closeCode());
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Session " + id + ": the peer broke the protocol, failed with " + e.closeCode() + ": "
                    + e.getMessage());
        }
        PeerProtocolException error = new PeerProtocolException(e.closeCode(), e.getMessage());
        error.initCause(e);
        return error;
    }

    /**
     * A container's summary of its sessions' peer protocol errors; {@code where} names the
     * server or application.
     */
    public static RateLimitedSummary<Integer> protocolErrorSummary(String where) {
        return new RateLimitedSummary<>(LOG, "Connections failed by peers' protocol errors " + where);
    }

    /** The peer closed: answered once the endpoint has handled what came before (see {@link Inbox#closeFrameRead}). */
    @Override
    public void onCloseFrame(Runnable answer) {
        inbox.closeFrameRead(answer);
    }

    @Override
    public void onClose(int code, String reason) {
        endHooks.run();
        inbox.connectionEnded();
        lifecycle.close(code, reason);
    }

    // ================================================================ for the inbox (session executor)

    /**
     * A message arrived for which the endpoint has no handler (yet, or any more): it is
     * dropped and the session stays open, as in the other implementations. The TCK relies on
     * it: its clients register their handlers after connectToServer returns, while the
     * server's onOpen may already have sent messages.
     */
    private void noHandler(MessageKind kind) {
        if (LOG.isLoggable(Level.FINE)) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            LOG.fine("Session " + id + ": a " + name + " message with no " + name + " handler is dropped");
        }
    }

    /** Bytes of received messages not yet taken by the endpoint (reading pauses past the backlog limit). */
    public long queuedIncomingBytes() {
        return backlog.bytes();
    }

    private void resumeAfterBacklog() {
        connection.resumeReading(WebSocketConnection.READ_PAUSE_BACKLOG);
    }

    private boolean pauseForBacklog() {
        WebSocketConnection c = connection;
        if (c == null) {
            return false;
        }
        c.suspendReading(WebSocketConnection.READ_PAUSE_BACKLOG);
        return true;
    }

    // ================================================================ for the remotes and containers

    /** The connection, or null before it has opened. */
    public WebSocketConnection connection() {
        return connection;
    }

    /**
     * Runs {@code hook} once when the connection ends, before the endpoint's {@code onClose}
     * (so that the session leaves its groups before the endpoint is told).
     *
     * @return false, without running it, if the connection has already ended
     */
    public boolean whenEnded(Runnable hook) {
        return endHooks.add(hook);
    }

    /** Whether the connection has ended (the end hooks have run or are running). */
    public boolean connectionEnded() {
        return endHooks.ended();
    }

    /** The container that owns this session, also once it is closed. */
    public WebSocketContainer owningContainer() {
        return context.owner().container();
    }

    WebSocketConnection connectionForSending() {
        checkNotClosed();
        WebSocketConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("The session is not open yet");
        }
        return c;
    }

    Encoders encoders() {
        return encoders;
    }

    /**
     * Whether the calling thread is running a callback on the reading thread (of this session
     * or another: {@link dev.ondine.api.OnReadingThread}): a send made there must not wait for
     * a socket, which this very thread may be the one to serve.
     */
    boolean sendsFromReadingThread() {
        return ReadingThreadExecutor.callbackRunningHere();
    }

    /** Whether this session's callbacks run on the reading thread now (false once moved to the pool). */
    public boolean callbacksOnReadingThread() {
        return readingThread != null && readingThread.onReadingThread();
    }

    /** Runs user code (a send handler) on the pool, outside any selector thread. */
    void runUserCode(Runnable task) {
        context.owner().pool().execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "A SendHandler threw", t);
            }
        });
    }

    /**
     * Jakarta WebSocket 2.2, {@code Session}: once the session is closed, its methods other
     * than the close methods throw {@link IllegalStateException}. "Closed" is once
     * {@code onClose} has returned: the javadoc asks developers to read what they need from
     * the session during {@code onClose}. {@link #isOpen} is exempt as well: it exists to
     * tell a closed session (such as one from {@code getOpenSessions}) from an open one, and
     * so is {@link #getId}.
     */
    void checkNotClosed() {
        if (lifecycle.closed()) {
            throw new IllegalStateException("The session " + id + " is closed");
        }
    }

    // ================================================================ Session

    @Override
    public WebSocketContainer getContainer() {
        checkNotClosed();
        return context.owner().container();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) throws IllegalStateException {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        boolean whole = handler instanceof MessageHandler.Whole;
        Class<?> type = GenericTypes.typeArgument(handler.getClass(),
                whole ? MessageHandler.Whole.class : MessageHandler.Partial.class, 0);
        if (type == null) {
            throw new IllegalStateException("Cannot tell the message type of " + handler.getClass().getName()
                    + " (a lambda or a raw type?): use addMessageHandler(Class, handler)");
        }
        register(handler, type, whole);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        if (clazz == null || handler == null) {
            throw new IllegalArgumentException("clazz and handler must not be null");
        }
        register(handler, clazz, true);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        if (clazz == null || handler == null) {
            throw new IllegalArgumentException("clazz and handler must not be null");
        }
        register(handler, clazz, false);
    }

    /** Jakarta WebSocket 2.2 §2.1.3: one handler per native message type ({@link RegisteredHandlers}). */
    private void register(MessageHandler handler, Class<?> type, boolean whole) {
        checkNotClosed();
        handlers.add(handler, type, whole);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkNotClosed();
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        checkNotClosed();
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        checkNotClosed();
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        checkNotClosed();
        return context.negotiated().subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        checkNotClosed();
        return context.negotiated().extensions();
    }

    @Override
    public boolean isSecure() {
        checkNotClosed();
        return context.request().secure();
    }

    /**
     * True from the open until the endpoint's {@code onClose} has returned: through the closing
     * handshake and while the endpoint is being told (as Tomcat answers). An application that
     * closes a session and waits for {@code isOpen()} to turn false then finds its
     * {@code onClose} done: the official TCK's {@code session} close tests poll it so, then read
     * what {@code onClose} wrote (with "false as soon as onClose is called", a test thread that
     * polled between that moment and onClose's write failed, close6Test under load).
     */
    @Override
    public boolean isOpen() {
        return connection != null && !lifecycle.closed();
    }

    @Override
    public long getMaxIdleTimeout() {
        checkNotClosed();
        return idleTimeoutMillis;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        checkNotClosed();
        long value = Math.max(0, milliseconds); // Jakarta: zero or negative means no timeout
        idleTimeoutMillis = value;
        WebSocketConnection c = connection;
        if (c != null) {
            c.setIdleTimeoutMillis(value);
        }
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        checkNotClosed();
        maxBinaryBytes = length;
        WebSocketConnection c = connection;
        if (c != null && length > 0) {
            c.setMaxBinaryMessageBytes(length);
        }
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        checkNotClosed();
        return maxBinaryBytes;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        checkNotClosed();
        maxTextBytes = length;
        WebSocketConnection c = connection;
        if (c != null && length > 0) {
            c.setMaxTextMessageBytes(length);
        }
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        checkNotClosed();
        return maxTextBytes;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        checkNotClosed();
        return async;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        checkNotClosed();
        return basic;
    }

    /**
     * Answers after the close too, unlike the other getters (the {@code Session} javadoc allows
     * an {@code IllegalStateException} here): the identifier is what applications and
     * containers log and key their maps with, also once the peer has closed, and the official
     * TCK reads it from the session {@code connectToServer} returned, which a fast server may
     * already have closed ({@code clientendpointonmessage}, {@code clientendpointreturntype}).
     * Tomcat and Tyrus answer too.
     */
    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2). Codes that may not be sent (1005,
     * 1006, 1015) end the connection with an empty close frame instead (§7.4.1). Does
     * nothing on a session already closing or closed.
     */
    @Override
    public void close(CloseReason closeReason) throws IOException {
        WebSocketConnection c = connection;
        if (c == null || lifecycle.closed()) {
            return;
        }
        int code = closeReason == null ? CloseCodes.NORMAL : closeReason.getCloseCode().getCode();
        String reason = closeReason == null || closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase();
        if (!CloseCodes.isValidOnWire(code)) {
            code = CloseCodes.NO_STATUS;
            reason = "";
        }
        c.close(code, reason);
    }

    @Override
    public URI getRequestURI() {
        checkNotClosed();
        return context.request().uri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        checkNotClosed();
        return context.request().parameters();
    }

    @Override
    public String getQueryString() {
        checkNotClosed();
        return context.request().uri().getRawQuery();
    }

    @Override
    public Map<String, String> getPathParameters() {
        checkNotClosed();
        return context.request().pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        checkNotClosed();
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        checkNotClosed();
        return context.request().userPrincipal();
    }

    /** The server's connection ({@link ConnectionInfo#of(Session)}); null on a client. Readable after the close too. */
    @Override
    public ConnectionInfo connectionInfo() {
        return context.request().connection();
    }

    @Override
    public Set<Session> getOpenSessions() {
        checkNotClosed();
        return context.owner().registry().openSessions();
    }

    @Override
    public String toString() {
        return "OndineSession[" + id + ", " + context.request().uri() + "]";
    }
}
