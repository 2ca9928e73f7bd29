package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.annotated.AnnotatedEndpoint;
import dev.ondine.impl.jakarta.codec.Decoders;
import dev.ondine.impl.jakarta.codec.Encoders;
import dev.ondine.impl.jakarta.codec.GenericTypes;
import dev.ondine.impl.jakarta.codec.PrimitiveConversions;
import dev.ondine.impl.jakarta.codec.MessageKind;
import dev.ondine.impl.protocol.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * never stalls a selector. What waits in the executor is counted: past
 * {@value #BACKLOG_LIMIT} bytes reading pauses until the endpoint has caught up.
 *
 * <p>Messages are delivered as the handler registered when the message is handed over
 * asks: whole, decoded, as parts, or as a stream.
 */
public final class OndineSession implements Session, ConnectionListener {
    private static final Logger LOG = Logger.getLogger(OndineSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    /** Bytes of received messages waiting for the endpoint before reading pauses. */
    static final long BACKLOG_LIMIT = 8L * 1024 * 1024;

    private final String id = Long.toHexString(IDS.incrementAndGet());
    /** The remaining parts of a message that arrived with no handler are dropped (reading thread only). */
    private boolean droppingPieces;
    /** The message in progress began before onOpen returned: its pieces go to {@link EarlyMessage} (reading thread only). */
    private boolean piecesBeforeOpen;
    /** The message that began before onOpen returned, as the executor sorts it (session's executor only). */
    private EarlyMessage early;
    private final SessionContext context;
    private final SerialExecutor serial;
    /** Null keys and values allowed, as in any HashMap the developer may expect; several threads may use it. */
    private final Map<String, Object> userProperties = Collections.synchronizedMap(new HashMap<>());
    private final Encoders encoders;
    private final Decoders decoders;
    private final BasicRemote basic;
    private final AsyncRemote async;
    private final ReadBacklog backlog = new ReadBacklog(BACKLOG_LIMIT, this::pauseForBacklog, this::resumeAfterBacklog);
    /** Completes once the endpoint's onOpen has returned (or thrown). */
    private final java.util.concurrent.CompletableFuture<Session> opened = new java.util.concurrent.CompletableFuture<>();

    private volatile WebSocketConnection connection;
    private volatile RegisteredHandler textHandler;
    private volatile RegisteredHandler binaryHandler;
    private volatile RegisteredHandler pongHandler;
    private volatile boolean closed;
    /** Set as {@code onClose} is called ({@link #isOpen}); {@link #closed} once it returned. */
    private volatile boolean closeReported;
    private volatile long idleTimeoutMillis;
    private volatile int maxTextBytes;
    private volatile int maxBinaryBytes;

    // The message being received in pieces; touched only by the reading thread.
    private RegisteredHandler pieceTarget;
    private PieceQueue<String> textPieces;
    private PieceQueue<ByteBuffer> binaryPieces;
    private StringBuilder textAssembly;
    private java.io.ByteArrayOutputStream binaryAssembly;

    /**
     * @throws DeploymentException when an encoder or decoder of the configuration cannot be
     *         created (the container refuses the handshake)
     */
    public OndineSession(SessionContext context) throws DeploymentException {
        this.context = context;
        // While more received messages wait behind the one being handled, replies are corked
        // and leave together when the last one is handled: one write for a burst, not one each.
        this.serial = new SerialExecutor(context.pool(), more -> {
            WebSocketConnection c = connection;
            if (c != null) {
                c.setCorked(more);
            }
        });
        this.userProperties.putAll(context.config().getUserProperties());
        EndpointConfig config = context.config();
        this.encoders = Encoders.create(config.getEncoders(), config);
        Decoders d;
        try {
            d = Decoders.create(config.getDecoders(), config);
        } catch (DeploymentException | RuntimeException e) {
            encoders.destroy();
            throw e;
        }
        this.decoders = d;
        this.basic = new BasicRemote(this);
        this.async = new AsyncRemote(this, context.asyncSendTimeoutMillis());
        this.idleTimeoutMillis = context.idleTimeoutMillis();
        this.maxTextBytes = context.maxTextMessageBytes();
        this.maxBinaryBytes = context.maxBinaryMessageBytes();
    }

    // ================================================================ ConnectionListener (reading thread)

    @Override
    public void onOpen(WebSocketConnection c) {
        this.connection = c;
        c.setIdleTimeoutMillis(idleTimeoutMillis);
        c.setMaxTextMessageBytes(maxTextBytes);
        c.setMaxBinaryMessageBytes(maxBinaryBytes);
        context.registry().add(this);
        if (context.endpoint() instanceof AnnotatedEndpoint a && !a.hasOpenMethod()) {
            // No @OnOpen: opening only applies limits and registers handlers, done here
            // without a hand-off. Should it fail, @OnError (application code) runs on the pool.
            serial.executeHereIfIdle(() -> {
                try {
                    a.onOpen(this, context.config());
                } catch (Throwable t) {
                    serial.execute(() -> endpointError(t));
                } finally {
                    opened.complete(this);
                }
            });
        } else {
            serial.execute(() -> {
                try {
                    context.endpoint().onOpen(this, context.config());
                } catch (Throwable t) {
                    endpointError(t);
                } finally {
                    opened.complete(this);
                }
            });
        }
    }

    /** Completes once the endpoint's onOpen has run (a client returns the session then). */
    public java.util.concurrent.CompletableFuture<Session> opened() {
        return opened;
    }

    /** Pieces, too, while onOpen has not returned: its handlers decide then ({@link EarlyMessage}). */
    @Override
    public boolean wantsPartialText() {
        RegisteredHandler h = textHandler;
        return h != null && h.wantsPieces() || !opened.isDone();
    }

    @Override
    public boolean wantsPartialBinary() {
        RegisteredHandler h = binaryHandler;
        return h != null && h.wantsPieces() || !opened.isDone();
    }

    @Override
    public void onText(String message) {
        runCounted(message.length(), () -> deliverText(message));
    }

    @Override
    public void onBinary(ByteBuffer message) {
        runCounted(message.remaining(), () -> deliverBinary(message));
    }

    /**
     * Runs {@code task} on the session's executor, counting {@code size} bytes in the
     * backlog until it has run (reading pauses while the backlog is over its limit).
     */
    private void runCounted(long size, Runnable task) {
        backlog.queued(size);
        serial.execute(() -> {
            try {
                task.run();
            } finally {
                backlog.released(size);
            }
        });
    }

    @Override
    public void onTextPart(String part, boolean last) {
        if (piecesBeforeOpen || pieceTarget == null && !droppingPieces && !opened.isDone()) {
            piecesBeforeOpen = !last;
            runCounted(part.length(), () -> earlyPiece(MessageKind.TEXT, part, last));
            return;
        }
        if (droppingPieces) {
            droppingPieces = !last; // the rest of a message that had no handler
            return;
        }
        if (pieceTarget == null) {
            pieceTarget = textHandler;
            if (pieceTarget == null) {
                noHandler("text");
                droppingPieces = !last;
                return;
            }
            if (pieceTarget.delivery == RegisteredHandler.Delivery.TEXT_STREAM) {
                textPieces = new PieceQueue<>(String::length, backlog::released);
                PieceQueue<String> pieces = textPieces;
                RegisteredHandler target = pieceTarget;
                serial.execute(() -> deliverStream(target, new MessageReader(pieces), pieces));
            } else if (!pieceTarget.wantsPieces()) {
                textAssembly = new StringBuilder();
            }
        }
        RegisteredHandler target = pieceTarget;
        if (textPieces != null) {
            backlog.queued(part.length());
            textPieces.add(part, last);
        } else if (textAssembly != null) {
            // The handler changed to a whole one during the message: assemble it here.
            textAssembly.append(part);
            if (last) {
                onText(textAssembly.toString());
            }
        } else {
            runCounted(part.length(), () -> invokePartial(target, part, last));
        }
        if (last) {
            pieceTarget = null;
            textPieces = null;
            textAssembly = null;
        }
    }

    @Override
    public void onBinaryPart(ByteBuffer part, boolean last) {
        if (piecesBeforeOpen || pieceTarget == null && !droppingPieces && !opened.isDone()) {
            piecesBeforeOpen = !last;
            ByteBuffer copy = ByteBuffer.allocate(part.remaining()).put(part.duplicate()).flip();
            runCounted(copy.remaining(), () -> earlyPiece(MessageKind.BINARY, copy, last));
            return;
        }
        if (droppingPieces) {
            droppingPieces = !last; // the rest of a message that had no handler
            return;
        }
        if (pieceTarget == null) {
            pieceTarget = binaryHandler;
            if (pieceTarget == null) {
                noHandler("binary");
                droppingPieces = !last;
                return;
            }
            if (pieceTarget.delivery == RegisteredHandler.Delivery.BINARY_STREAM) {
                binaryPieces = new PieceQueue<>(ByteBuffer::remaining, backlog::released);
                PieceQueue<ByteBuffer> pieces = binaryPieces;
                RegisteredHandler target = pieceTarget;
                serial.execute(() -> deliverStream(target, new MessageInputStream(pieces), pieces));
            } else if (!pieceTarget.wantsPieces()) {
                binaryAssembly = new java.io.ByteArrayOutputStream();
            }
        }
        RegisteredHandler target = pieceTarget;
        if (binaryPieces != null) {
            backlog.queued(part.remaining());
            binaryPieces.add(part, last);
        } else if (binaryAssembly != null) {
            binaryAssembly.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
            if (last) {
                onBinary(ByteBuffer.wrap(binaryAssembly.toByteArray()));
            }
        } else {
            runCounted(part.remaining(), () -> invokePartial(target, part, last));
        }
        if (last) {
            pieceTarget = null;
            binaryPieces = null;
            binaryAssembly = null;
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        serial.execute(() -> {
            RegisteredHandler h = pongHandler;
            if (h == null) {
                return; // RFC 6455 §5.5.3: an unsolicited pong needs no answer
            }
            invokeWhole(h, new Pong(copy));
        });
    }

    @Override
    public void onError(Throwable error) {
        serial.execute(() -> endpointError(error));
    }

    @Override
    public void onClose(int code, String reason) {
        PieceQueue<String> tp = textPieces;
        PieceQueue<ByteBuffer> bp = binaryPieces;
        if (tp != null || bp != null) {
            IOException ended = new IOException("The connection ended before the message did");
            if (tp != null) {
                tp.fail(ended);
            }
            if (bp != null) {
                bp.fail(ended);
            }
        }
        Runnable close = () -> {
            closeReported = true;
            try {
                context.endpoint().onClose(this, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (Throwable t) {
                endpointError(t);
            } finally {
                closed = true;
                opened.complete(this);
                context.registry().remove(this);
                encoders.destroy();
                decoders.destroy();
            }
        };
        if (context.endpoint() instanceof AnnotatedEndpoint a && !a.hasCloseMethod()
                && encoders.isEmpty() && decoders.isEmpty()) {
            // No @OnClose and no coders to destroy: once the messages before it are handled,
            // closing is bookkeeping only, done here when the executor is idle.
            serial.executeHereIfIdle(close);
        } else {
            serial.execute(close);
        }
    }

    // ================================================================ delivery (session executor)

    private void deliverText(String message) {
        RegisteredHandler h = textHandler;
        if (h == null) {
            noHandler("text");
            return;
        }
        switch (h.delivery) {
            case TEXT:
                invokeWhole(h, message);
                break;
            case TEXT_STREAM:
                invokeWhole(h, new StringReader(message));
                break;
            case TEXT_PARTIAL:
                invokePartial(h, message, true);
                break;
            default:
                Object decoded;
                try {
                    decoded = decoders.decodeText(h.type, message);
                } catch (DecodeException e) {
                    endpointError(e); // Jakarta WebSocket 2.2 §4.7: a decoding failure reaches onError
                    return;
                }
                invokeWhole(h, decoded);
        }
    }

    private void deliverBinary(ByteBuffer message) {
        RegisteredHandler h = binaryHandler;
        if (h == null) {
            noHandler("binary");
            return;
        }
        switch (h.delivery) {
            case BINARY_BUFFER:
                invokeWhole(h, message);
                break;
            case BINARY_ARRAY:
                invokeWhole(h, toArray(message));
                break;
            case BINARY_STREAM:
                invokeWhole(h, new java.io.ByteArrayInputStream(toArray(message)));
                break;
            case BINARY_PARTIAL_BUFFER:
            case BINARY_PARTIAL_ARRAY:
                invokePartial(h, message, true);
                break;
            default:
                Object decoded;
                try {
                    decoded = decoders.decodeBinary(h.type, message);
                } catch (DecodeException e) {
                    endpointError(e);
                    return;
                }
                invokeWhole(h, decoded);
        }
    }

    private void deliverStream(RegisteredHandler h, java.io.Closeable stream, PieceQueue<?> pieces) {
        try {
            invokeWhole(h, stream);
        } finally {
            pieces.abandon();
        }
    }

    @SuppressWarnings("unchecked")
    private void invokeWhole(RegisteredHandler h, Object message) {
        try {
            ((MessageHandler.Whole<Object>) h.handler).onMessage(message);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    @SuppressWarnings("unchecked")
    private void invokePartial(RegisteredHandler h, Object part, boolean last) {
        Object message = part;
        if (h.delivery == RegisteredHandler.Delivery.BINARY_PARTIAL_ARRAY) {
            message = toArray((ByteBuffer) part);
        }
        try {
            ((MessageHandler.Partial<Object>) h.handler).onMessage(message, last);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    /** An exception from user code, or from the connection: to the endpoint's onError. */
    private void endpointError(Throwable t) {
        try {
            context.endpoint().onError(this, t);
        } catch (Throwable again) {
            LOG.log(Level.WARNING, "onError of " + context.endpoint().getClass().getName() + " threw", again);
            again.addSuppressed(t);
        }
    }

    /** A piece of a message that began before onOpen returned (see {@link EarlyMessage}). */
    private void earlyPiece(MessageKind kind, Object part, boolean last) {
        boolean text = kind == MessageKind.TEXT;
        if (early == null) {
            early = new EarlyMessage(text ? textHandler : binaryHandler, text ? maxTextBytes : maxBinaryBytes);
        }
        EarlyMessage m = early;
        if (last) {
            early = null;
        }
        if (m.target() == null) {
            if (last) {
                noHandler(text ? "text" : "binary");
            }
        } else if (m.partial()) {
            invokePartial(m.target(), part, last);
        } else if (!(text ? m.add((String) part) : m.add((ByteBuffer) part))) {
            tooBig(m, text ? "Text" : "Binary");
        } else if (last && text) {
            deliverText(m.wholeText());
        } else if (last) {
            deliverBinary(m.wholeBinary());
        }
    }

    /** §2.1.3: a message over the session's buffer size closes the session with 1009. */
    private void tooBig(EarlyMessage m, String kind) {
        WebSocketConnection c = connection;
        if (m.firstTimeOverLimit() && c != null) {
            c.close(CloseCodes.TOO_BIG, kind + " message larger than " + m.limit() + " bytes");
        }
    }

    /**
     * A message arrived for which the endpoint has no handler (yet, or any more): it is
     * dropped and the session stays open, as in the other implementations. The TCK relies on
     * it: its clients register their handlers after connectToServer returns, while the
     * server's onOpen may already have sent messages.
     */
    private void noHandler(String kind) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Session " + id + ": a " + kind + " message with no " + kind + " handler is dropped");
        }
    }

    /** Bytes of received messages not yet taken by the endpoint (reading pauses past {@link #BACKLOG_LIMIT}). */
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

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    // ================================================================ for the remotes and containers

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

    /** Runs user code (a send handler) on the pool, outside any selector thread. */
    void runUserCode(Runnable task) {
        context.pool().execute(() -> {
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
        if (closed) {
            throw new IllegalStateException("The session " + id + " is closed");
        }
    }

    /** The connection under this session (null until it opens). */
    public WebSocketConnection connection() {
        return connection;
    }

    public SessionContext context() {
        return context;
    }

    // ================================================================ Session

    @Override
    public WebSocketContainer getContainer() {
        checkNotClosed();
        return context.container();
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

    /**
     * Jakarta WebSocket 2.2 §2.1.3, {@code Session.addMessageHandler}: at most one handler per
     * native message type (text, binary, pong); another one is an IllegalStateException, as
     * is a type that no decoder can produce. A whole handler of a type that has both a text
     * and a binary decoder takes both places (see {@link Decoders#kindsOf}).
     */
    private synchronized void register(MessageHandler handler, Class<?> type, boolean whole) {
        checkNotClosed();
        Class<?> boxed = PrimitiveConversions.box(type);
        List<RegisteredHandler> places = new ArrayList<>(2);
        if (whole) {
            for (MessageKind kind : decoders.kindsOf(boxed)) {
                places.add(new RegisteredHandler(handler, boxed, kind,
                        RegisteredHandler.wholeDelivery(boxed, kind, decoders.hasConfigured(boxed, kind))));
            }
            if (places.isEmpty()) {
                throw new IllegalStateException("No decoder for messages of type " + type.getName()
                        + " (handler " + handler.getClass().getName() + ")");
            }
        } else {
            RegisteredHandler.Delivery delivery = RegisteredHandler.partialDelivery(type);
            if (delivery == null) {
                throw new IllegalStateException("A partial handler takes String, ByteBuffer or byte[], not " + type.getName());
            }
            places.add(new RegisteredHandler(handler, type,
                    delivery == RegisteredHandler.Delivery.TEXT_PARTIAL ? MessageKind.TEXT : MessageKind.BINARY, delivery));
        }
        for (RegisteredHandler r : places) {
            RegisteredHandler existing = handlerFor(r.kind);
            if (existing != null) {
                throw new IllegalStateException("A " + r.kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " message handler is already registered: " + existing.handler);
            }
        }
        for (RegisteredHandler r : places) {
            switch (r.kind) {
                case TEXT -> textHandler = r;
                case BINARY -> binaryHandler = r;
                default -> pongHandler = r;
            }
        }
    }

    private RegisteredHandler handlerFor(MessageKind kind) {
        return switch (kind) {
            case TEXT -> textHandler;
            case BINARY -> binaryHandler;
            case PONG -> pongHandler;
        };
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkNotClosed();
        Set<MessageHandler> all = new HashSet<>();
        for (RegisteredHandler r : new RegisteredHandler[] {textHandler, binaryHandler, pongHandler}) {
            if (r != null) {
                all.add(r.handler);
            }
        }
        return Collections.unmodifiableSet(all);
    }

    @Override
    public synchronized void removeMessageHandler(MessageHandler handler) {
        checkNotClosed();
        if (textHandler != null && textHandler.handler == handler) {
            textHandler = null;
        }
        if (binaryHandler != null && binaryHandler.handler == handler) {
            binaryHandler = null;
        }
        if (pongHandler != null && pongHandler.handler == handler) {
            pongHandler = null;
        }
    }

    @Override
    public String getProtocolVersion() {
        checkNotClosed();
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        checkNotClosed();
        return context.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        checkNotClosed();
        return context.extensions();
    }

    @Override
    public boolean isSecure() {
        checkNotClosed();
        return context.secure();
    }

    /**
     * True from the open until the endpoint's {@code onClose} is called: through the closing
     * handshake (the socket is still open, which is what the javadoc asks about) and until the
     * endpoint is told; false inside {@code onClose}. An application that closes a session and
     * waits for {@code isOpen()} to turn false therefore finds its {@code onClose} under way
     * (the official TCK's {@code session} close tests poll it so, then look for what
     * {@code onClose} wrote).
     */
    @Override
    public boolean isOpen() {
        return connection != null && !closeReported;
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
        if (c == null || closed) {
            return;
        }
        int code = closeReason == null ? CloseCodes.NORMAL : closeReason.getCloseCode().getCode();
        String reason = closeReason == null || closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase();
        if (!dev.ondine.impl.protocol.CloseCodes.isValidOnWire(code)) {
            code = CloseCodes.NO_STATUS;
            reason = "";
        }
        c.close(code, reason);
    }

    @Override
    public URI getRequestURI() {
        checkNotClosed();
        return context.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        checkNotClosed();
        return context.requestParameters();
    }

    @Override
    public String getQueryString() {
        checkNotClosed();
        return context.requestUri().getRawQuery();
    }

    @Override
    public Map<String, String> getPathParameters() {
        checkNotClosed();
        return context.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        checkNotClosed();
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        checkNotClosed();
        return context.userPrincipal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        checkNotClosed();
        return context.registry().openSessions();
    }

    @Override
    public String toString() {
        return "OndineSession[" + id + ", " + context.requestUri() + "]";
    }

    /** Unmodifiable, ordered copy of request parameters, for containers building a context. */
    public static Map<String, List<String>> copyParameters(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
