package dev.ondine.samples.chat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

/**
 * The JSON encoder and decoder of {@link ChatMessage}s, through Jakarta JSON Binding: the record's
 * components are the object's fields, in JSON-B's default (lexicographic) order, for example
 * {@code {"text":"hi","type":"message","user":"ada"}}.
 */
public class ChatMessageCodec implements Encoder.Text<ChatMessage>, Decoder.Text<ChatMessage> {

    /** One {@link Jsonb} for every session: it is thread-safe and costly to make. */
    private static final class Shared {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /** {@code value} in JSON (a {@link ChatMessage} or a {@link ChatNode.Notice}), for a publish to a room. */
    static String toJson(Object value) {
        return Shared.JSONB.toJson(value);
    }

    @Override
    public String encode(ChatMessage m) throws EncodeException {
        try {
            return Shared.JSONB.toJson(m);
        } catch (JsonbException e) {
            throw new EncodeException(m, "Cannot write a chat message: " + e.getMessage(), e);
        }
    }

    @Override
    public ChatMessage decode(String s) throws DecodeException {
        try {
            ChatMessage message = Shared.JSONB.fromJson(s, ChatMessage.class);
            if (message == null) {
                throw new DecodeException(s, "Not a chat message: null");
            }
            return message;
        } catch (JsonbException e) {
            throw new DecodeException(s, "Not a chat message: " + e.getMessage(), e);
        }
    }

    @Override
    public void init(EndpointConfig config) {
        // no state of its own
    }

    @Override
    public void destroy() {
        // the shared Jsonb outlives the session
    }

    @Override
    public boolean willDecode(String s) {
        return s != null && s.trim().startsWith("{");
    }
}
