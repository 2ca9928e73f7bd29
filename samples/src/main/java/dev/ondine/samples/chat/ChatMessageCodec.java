package dev.ondine.samples.chat;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

import java.util.Map;

/** The JSON encoder and decoder of {@link ChatMessage}s. */
public class ChatMessageCodec implements Encoder.Text<ChatMessage>, Decoder.Text<ChatMessage> {

    @Override
    public String encode(ChatMessage m) throws EncodeException {
        return Json.object(Map.of("type", m.type(), "user", m.user(), "text", m.text()));
    }

    @Override
    public ChatMessage decode(String s) throws DecodeException {
        Map<String, String> fields;
        try {
            fields = Json.parseFlatObject(s);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(s, "Not a chat message: " + e.getMessage(), e);
        }
        String type = fields.getOrDefault("type", "message");
        return new ChatMessage(type, fields.get("user"), fields.get("text"));
    }

    @Override
    public void init(jakarta.websocket.EndpointConfig config) {
        // no state
    }

    @Override
    public void destroy() {
        // no state
    }

    @Override
    public boolean willDecode(String s) {
        return s != null && s.trim().startsWith("{");
    }
}
