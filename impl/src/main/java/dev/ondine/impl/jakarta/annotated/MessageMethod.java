package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.Session;

/**
 * A validated {@code @OnMessage} method: the bound method, its {@link MessageShape} and its
 * {@code maxMessageSize}. It registers its handler on each new session and applies its size
 * limit there.
 */
final class MessageMethod {

    /** {@code @OnMessage.maxMessageSize}'s "no maximum" value. */
    static final long NO_LIMIT = -1;

    private final BoundMethod method;
    private final MessageShape shape;
    private final long maxMessageSize;

    MessageMethod(BoundMethod method, MessageShape shape, long maxMessageSize) {
        this.method = method;
        this.shape = shape;
        this.maxMessageSize = maxMessageSize;
    }

    BoundMethod method() {
        return method;
    }

    MessageShape shape() {
        return shape;
    }

    /**
     * Jakarta WebSocket 2.2 §4.7.1: the largest message the method can process, applied as the
     * session's buffer size for the text and/or binary messages it handles. Not for parts,
     * streams or pongs (see {@link MessageShape}).
     */
    void applySizeLimit(Session session) {
        if (maxMessageSize == NO_LIMIT || !shape.sizeLimited()) {
            return;
        }
        int limit = (int) maxMessageSize; // validated at deployment: at most Integer.MAX_VALUE
        if (shape.kinds().contains(MessageKind.TEXT)) {
            session.setMaxTextMessageBufferSize(limit);
        }
        if (shape.kinds().contains(MessageKind.BINARY)) {
            session.setMaxBinaryMessageBufferSize(limit);
        }
    }

    /**
     * Registers one handler through the public API, typed with the registration class so the
     * session can pick a decoder by type (Jakarta WebSocket 2.2 §2.1.3).
     */
    void register(Session session, MessageDispatcher dispatcher) {
        register(session, shape.handlerType(), shape.partial(), dispatcher);
    }

    private static <T> void register(Session session, Class<T> type, boolean partial, MessageDispatcher dispatcher) {
        if (partial) {
            session.addMessageHandler(type, new PartialMessageHandler<T>(dispatcher));
        } else {
            session.addMessageHandler(type, new WholeMessageHandler<T>(dispatcher));
        }
    }
}
