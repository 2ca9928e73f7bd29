package dev.ondine.impl.jakarta.session.delivery;

import jakarta.websocket.MessageHandler;

import java.nio.ByteBuffer;

/** {@code MessageHandler.Whole<byte[]>}: the binary message copied into an array of its own. */
final class ByteArraySink extends MessageSink<ByteBuffer> {

    ByteArraySink(MessageHandler handler, Inbox inbox) {
        super(handler, inbox);
    }

    @Override
    public void whole(ByteBuffer message) {
        invokeWhole(toArray(message));
    }

    /** The remaining bytes of {@code b}, copied; {@code b} does not move. */
    static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
