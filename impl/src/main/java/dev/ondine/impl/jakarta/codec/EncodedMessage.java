package dev.ondine.impl.jakarta.codec;

import java.nio.ByteBuffer;

/**
 * An object encoded for sending: either a text message or a binary message, never both
 * (the four encoder forms of {@code jakarta.websocket.Encoder} produce one or the other).
 */
public record EncodedMessage(String text, ByteBuffer binary) {

    public EncodedMessage {
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("exactly one of text and binary must be given");
        }
    }

    public static EncodedMessage ofText(String text) {
        return new EncodedMessage(text, null);
    }

    public static EncodedMessage ofBinary(ByteBuffer binary) {
        return new EncodedMessage(null, binary);
    }

    public boolean isText() {
        return text != null;
    }
}
