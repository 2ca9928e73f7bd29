package dev.ondine.impl.jakarta.session.delivery;

import jakarta.websocket.MessageHandler;

import java.nio.ByteBuffer;

/**
 * {@code MessageHandler.Whole<PongMessage>}: a received pong's application data (RFC 6455
 * §5.5.3, solicited or not) as a {@link Pong}.
 */
final class PongSink extends MessageSink<ByteBuffer> {

    PongSink(MessageHandler handler, Inbox inbox) {
        super(handler, inbox);
    }

    /** @param payload a copy of the pong's application data, owned by the sink */
    @Override
    public void whole(ByteBuffer payload) {
        invokeWhole(new Pong(payload));
    }
}
