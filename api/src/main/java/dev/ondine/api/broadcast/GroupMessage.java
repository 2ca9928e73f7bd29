package dev.ondine.api.broadcast;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A published message as a relay carries it between nodes.
 *
 * @param text    true for a text message (the payload is its UTF-8 encoding), false for binary
 * @param payload the message's bytes; not modified by anyone once published
 */
public record GroupMessage(boolean text, byte[] payload) {

    public GroupMessage {
        Objects.requireNonNull(payload, "payload");
    }

    /** A text message. */
    public static GroupMessage ofText(String text) {
        return new GroupMessage(true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message. */
    public static GroupMessage ofBinary(byte[] payload) {
        return new GroupMessage(false, payload);
    }
}
