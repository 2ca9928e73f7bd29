package dev.ondine.samples.chat;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat's wire format, as chat.js reads and writes it: three string fields, keys in lexicographic order. */
class ChatMessageCodecTest {
    private final ChatMessageCodec codec = new ChatMessageCodec();

    @Test
    void encodesTheThreeFieldsInKeyOrder() throws Exception {
        assertEquals("{\"text\":\"hi\",\"type\":\"message\",\"user\":\"ada\"}", codec.encode(ChatMessage.said("ada", "hi")));
        assertEquals("{\"text\":\"\",\"type\":\"join\",\"user\":\"bob\"}", codec.encode(ChatMessage.joined("bob")));
        assertEquals("{\"text\":\"\",\"type\":\"leave\",\"user\":\"bob\"}", codec.encode(ChatMessage.left("bob")));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws Exception {
        String json = codec.encode(ChatMessage.said("a\"b", "x\\y\nz\u0001 é ✓"));
        assertEquals(ChatMessage.said("a\"b", "x\\y\nz\u0001 é ✓"), codec.decode(json));
        assertFalse(json.contains("\n"), json);
        assertTrue(json.contains("é ✓"), "non-ASCII text is written as is: " + json);
    }

    @Test
    void decodesWhatThePageSends() throws Exception {
        assertEquals(new ChatMessage("message", "", "hello"), codec.decode("{\"text\":\"hello\"}"));
        assertEquals(new ChatMessage("message", "", "hello"), codec.decode(" { \"text\" : \"hello\" } "));
        assertEquals(new ChatMessage("join", "ada", "hi"), codec.decode("{\"user\":\"ada\",\"type\":\"join\",\"text\":\"hi\"}"));
        assertEquals(new ChatMessage("message", "", ""), codec.decode("{}"));
    }

    @Test
    void refusesWhatIsNotAChatMessage() {
        assertFalse(codec.willDecode("hello"));
        assertFalse(codec.willDecode("[1]"));
        assertTrue(codec.willDecode(" {\"text\":\"x\"}"));
        assertThrows(DecodeException.class, () -> codec.decode("{\"text\":"));
        assertThrows(DecodeException.class, () -> codec.decode("{\"text\":[1,2]}"));
    }
}
