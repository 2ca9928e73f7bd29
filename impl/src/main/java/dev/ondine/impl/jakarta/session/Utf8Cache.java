package dev.ondine.impl.jakarta.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of the text a thread sent last, kept for as long as the same String
 * object is sent again: a broadcast loop that sends one message to ten thousand sessions
 * encodes it once. Strings are immutable, so the same object always has the same bytes;
 * the bytes are shared read-only (a server frame's payload is sent as it is, unmasked;
 * a client masks a copy).
 */
final class Utf8Cache {
    private static final ThreadLocal<Utf8Cache> LAST = ThreadLocal.withInitial(Utf8Cache::new);
    /** Larger texts are not kept, so that a thread does not hold a big message after sending it. */
    private static final int MAX_CACHED_CHARS = 64 * 1024;

    private String text;
    private byte[] bytes;

    private Utf8Cache() {
    }

    /** The UTF-8 bytes of {@code text}, as a read-only buffer. */
    static ByteBuffer encode(String text) {
        if (text.length() > MAX_CACHED_CHARS) {
            return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        }
        Utf8Cache c = LAST.get();
        if (c.text != text) {
            c.bytes = text.getBytes(StandardCharsets.UTF_8);
            c.text = text;
        }
        return ByteBuffer.wrap(c.bytes).asReadOnlyBuffer();
    }
}
