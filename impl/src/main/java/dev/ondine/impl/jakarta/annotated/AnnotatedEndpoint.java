package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One instance of an annotated endpoint class seen as a programmatic {@link Endpoint}, built by
 * {@link AnnotatedEndpointModel#newEndpoint}. It talks to the session only through the public
 * Jakarta API: it calls the annotated lifecycle methods and registers one
 * {@link jakarta.websocket.MessageHandler} per {@code @OnMessage} method.
 *
 * <p>Errors (Jakarta WebSocket 2.2 §5.2.2): an exception from {@code @OnOpen} or
 * {@code @OnClose} (§4.5, WSC-4.5-3), a path parameter that cannot be converted (§4.3,
 * WSC-4.3-6) and a failed send of a return value go to {@link #onError}, which calls the
 * {@code @OnError} method, or logs at WARNING when there is none (WSC-5.2.2-3) or when it
 * fails itself (WSC-5.2.2-4). Without {@code @OnError}, the connection's own failures (an
 * {@link IOException} made by the container: the peer's protocol error as a
 * {@link dev.ondine.api.PeerProtocolException}, a reset, a send to a peer that has gone) are
 * logged at FINE only: they are the peer's doing, and a hostile peer must not fill the log.
 */
public final class AnnotatedEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(AnnotatedEndpoint.class.getName());

    private final AnnotatedEndpointModel model;
    private final Object instance;

    AnnotatedEndpoint(AnnotatedEndpointModel model, Object instance) {
        this.model = model;
        this.instance = instance;
    }

    /** The annotated object this endpoint delegates to. */
    public Object instance() {
        return instance;
    }

    public AnnotatedEndpointModel model() {
        return model;
    }

    /**
     * Applies the {@code maxMessageSize} limits (§4.7.1) and registers the message handlers,
     * then calls {@code @OnOpen} (§4.4); the method may still change the limits. The handlers
     * come first because {@code @OnOpen} may send: the peer's answer can arrive before
     * {@code @OnOpen} returns, and it must find the {@code @OnMessage} methods in place (a
     * partial method then gets the message piece by piece, as sent; the official TCK's
     * clients send from {@code @OnOpen} and count the pieces).
     */
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        for (MessageMethod method : model.messageMethods()) {
            method.applySizeLimit(session);
            method.register(session, new MessageDispatcher(this, session, method.method()));
        }
        model.openMethod().ifPresent(method -> invokeLifecycle(method, Invocation.opening(session, config)));
    }

    /**
     * Whether {@link #onOpen} runs application code: an {@code @OnOpen} method. Without one it
     * only sets limits and registers handlers, which never blocks.
     */
    public boolean hasOpenMethod() {
        return model.openMethod().isPresent();
    }

    /** Whether {@link #onClose} runs application code: an {@code @OnClose} method. */
    public boolean hasCloseMethod() {
        return model.closeMethod().isPresent();
    }

    /** Calls {@code @OnClose} (§4.5); what it throws goes to {@link #onError} (WSC-4.5-3). */
    @Override
    public void onClose(Session session, CloseReason closeReason) {
        model.closeMethod().ifPresent(method -> invokeLifecycle(method, Invocation.closing(session, closeReason)));
    }

    /**
     * Calls {@code @OnError} with the error (§4.6, WSC-4.6-2), the user's own exception if it
     * arrives wrapped in {@link AnnotatedMethodException}.
     */
    @Override
    public void onError(Session session, Throwable thr) {
        Throwable error = AnnotatedMethodException.unwrap(thr);
        Optional<BoundMethod> errorMethod = model.errorMethod();
        if (errorMethod.isEmpty()) {
            // The connection's own failures (the peer's protocol error, a reset, a send to a
            // peer that has gone) are IOExceptions the container made: the peer's doing, at
            // FINE. The application's exceptions (its checked ones arrive wrapped) stay WARNINGs.
            Level level = thr instanceof IOException ? Level.FINE : Level.WARNING;
            LOG.log(level, error, () -> "Unhandled error in WebSocket endpoint "
                    + model.endpointClass().getName() + " (no @OnError method), session " + sessionId(session));
            return;
        }
        BoundMethod method = errorMethod.get();
        try {
            method.invoke(instance, method.arguments(Invocation.failing(session, error)));
        } catch (Throwable failure) {
            failure.addSuppressed(error);
            LOG.log(Level.WARNING, failure, () -> "The @OnError method " + method.description()
                    + " failed while handling an error, session " + sessionId(session));
        }
    }

    private void invokeLifecycle(BoundMethod method, Invocation invocation) {
        Object[] arguments;
        try {
            arguments = method.arguments(invocation);
        } catch (DecodeException e) {
            onError(invocation.session(), e);
            return;
        }
        try {
            method.invoke(instance, arguments);
        } catch (RuntimeException | Error e) {
            onError(invocation.session(), e);
        } catch (Throwable e) {
            // wrapped as from a message method: an IOException of the application's is its own failure
            onError(invocation.session(), new AnnotatedMethodException(method.description(), e));
        }
    }

    private static String sessionId(Session session) {
        try {
            return session == null ? "none" : session.getId();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "AnnotatedEndpoint[" + model.endpointClass().getName() + "]";
    }
}
