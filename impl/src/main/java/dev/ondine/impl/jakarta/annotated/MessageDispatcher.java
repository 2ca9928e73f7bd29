package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DecodeException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;

import java.io.IOException;

/**
 * Calls one {@code @OnMessage} method for one session and sends its return value back.
 *
 * <ul>
 *   <li>A path parameter that cannot be converted: the {@link DecodeException} goes to the
 *       endpoint's error handling (Jakarta WebSocket 2.2 §4.3, WSC-4.3-6); the method is not
 *       called.</li>
 *   <li>An exception from the user's method propagates out of {@code onMessage} so the session
 *       routes it to {@code Endpoint.onError} (§5.2.2): runtime exceptions and errors as they
 *       are, checked exceptions wrapped in {@link AnnotatedMethodException}.</li>
 *   <li>A non-null return value is sent with {@code getBasicRemote().sendObject} (the
 *       {@code @OnMessage} javadoc); "the send failure will be passed back into the endpoint's
 *       error handling method". A {@code null} return value has nothing to send.</li>
 * </ul>
 */
final class MessageDispatcher {

    private final AnnotatedEndpoint endpoint;
    private final Session session;
    private final BoundMethod method;

    MessageDispatcher(AnnotatedEndpoint endpoint, Session session, BoundMethod method) {
        this.endpoint = endpoint;
        this.session = session;
        this.method = method;
    }

    void dispatch(Object message, boolean last) {
        Object[] arguments;
        try {
            arguments = method.arguments(Invocation.receiving(session, message, last));
        } catch (DecodeException e) {
            endpoint.onError(session, e);
            return;
        }
        Object reply;
        try {
            reply = method.invoke(endpoint.instance(), arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AnnotatedMethodException(method.description(), e);
        }
        if (reply != null) {
            send(reply);
        }
    }

    private void send(Object reply) {
        try {
            session.getBasicRemote().sendObject(reply);
        } catch (IOException | EncodeException | RuntimeException e) {
            endpoint.onError(session, e);
        }
    }

    @Override
    public String toString() {
        return method.description();
    }
}
