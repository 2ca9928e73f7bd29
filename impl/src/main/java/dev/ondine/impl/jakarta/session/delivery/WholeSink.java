package dev.ondine.impl.jakarta.session.delivery;

import jakarta.websocket.MessageHandler;

/**
 * {@code MessageHandler.Whole<String>} and {@code Whole<ByteBuffer>}: the message as the core
 * assembled it, bounded by the session's buffer size (Jakarta WebSocket 2.2 §2.1.3). The
 * common case, so nothing is converted on the way.
 */
final class WholeSink<T> extends MessageSink<T> {

    WholeSink(MessageHandler handler, Inbox inbox) {
        super(handler, inbox);
    }

    @Override
    public void whole(T message) {
        invokeWhole(message);
    }
}
