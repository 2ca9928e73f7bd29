package dev.ondine.impl.jakarta.session.delivery;

import jakarta.websocket.PongMessage;

import java.nio.ByteBuffer;

/** A received pong (RFC 6455 §5.5.3) as the Jakarta API shows it. */
final class Pong implements PongMessage {
    private final ByteBuffer data;

    Pong(ByteBuffer data) {
        this.data = data;
    }

    @Override
    public ByteBuffer getApplicationData() {
        return data.asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "PongMessage[" + data.remaining() + " bytes]";
    }
}
