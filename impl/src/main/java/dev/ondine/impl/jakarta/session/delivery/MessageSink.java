package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;
import jakarta.websocket.MessageHandler;

/**
 * How the messages of one kind reach one registered handler. The sink is chosen once, when
 * the handler is added ({@code Session.addMessageHandler}, Jakarta WebSocket 2.2 §2.1.3; see
 * {@link RegisteredHandlers}), never per message: one class per way of handing a message
 * over (whole as received, converted, decoded, as a stream, in parts, as a pong).
 *
 * <p>Whether a message is taken whole or in pieces is asked of the sink once, on the reading
 * thread, at the message's first frame ({@link #pieces()}); the core then assembles the
 * message and the session hands it to {@link #whole} on its executor, or gives every piece
 * to the {@link PartSink} returned.
 *
 * @param <T> {@code String} for text, {@code ByteBuffer} for binary and pong
 */
public abstract class MessageSink<T> {
    private final MessageHandler handler;
    final Inbox inbox;

    MessageSink(MessageHandler handler, Inbox inbox) {
        this.handler = handler;
        this.inbox = inbox;
    }

    /** The handler this sink feeds. */
    public final MessageHandler handler() {
        return handler;
    }

    /** A whole message, on the session's executor. */
    public abstract void whole(T message);

    /**
     * Asked on the reading thread at a message's first frame: where the message's pieces
     * go, or null (the default) for the message whole.
     */
    public PartSink<T> pieces() {
        return null;
    }

    /** Calls the {@code Whole} handler; what it throws goes to the endpoint's {@code onError}. */
    @SuppressWarnings("unchecked")
    final void invokeWhole(Object message) {
        try {
            ((MessageHandler.Whole<Object>) handler).onMessage(message);
        } catch (Throwable t) {
            inbox.handlerFailed(t);
        }
    }
}
