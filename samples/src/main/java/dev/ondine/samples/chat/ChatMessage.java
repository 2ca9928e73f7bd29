package dev.ondine.samples.chat;

import java.util.Objects;

/**
 * One chat event, as JSON on the wire: {@code {"type":"message","user":"ada","text":"hi"}}.
 * Types: {@code message} (sent by a user), {@code join} and {@code leave} (sent by the room).
 */
public record ChatMessage(String type, String user, String text) {
    public ChatMessage {
        Objects.requireNonNull(type, "type");
        user = user == null ? "" : user;
        text = text == null ? "" : text;
    }

    public static ChatMessage said(String user, String text) {
        return new ChatMessage("message", user, text);
    }

    public static ChatMessage joined(String user) {
        return new ChatMessage("join", user, "");
    }

    public static ChatMessage left(String user) {
        return new ChatMessage("leave", user, "");
    }
}
