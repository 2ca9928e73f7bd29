package dev.ondine.samples.chat;

/**
 * One chat event, as JSON on the wire (through JSON-B, {@link ChatMessageCodec}):
 * {@code {"text":"hi","type":"message","user":"ada"}}. Types: {@code message} (sent by a user),
 * {@code join} and {@code leave} (sent by the room). A field missing from a received message is
 * empty; a missing type is {@code message}.
 */
public record ChatMessage(String type, String user, String text) {
    public ChatMessage {
        type = type == null ? "message" : type;
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
