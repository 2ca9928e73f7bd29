package dev.ondine.impl.jakarta.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the pieces of a text message sent in parts, so that a character split between
 * two pieces (a surrogate pair) is encoded whole: a trailing high surrogate waits for the
 * next piece. UTF-8 on the wire must be valid at the end of the message (RFC 6455 §5.6).
 */
final class TextFragments {
    private char pendingHighSurrogate;
    private boolean hasPending;

    /** The UTF-8 bytes of {@code part} (plus what was held back) that can be sent now. */
    synchronized ByteBuffer encode(CharSequence part, boolean last) {
        StringBuilder sb = new StringBuilder(part.length() + 1);
        if (hasPending) {
            sb.append(pendingHighSurrogate);
            hasPending = false;
        }
        sb.append(part);
        int n = sb.length();
        if (!last && n > 0 && Character.isHighSurrogate(sb.charAt(n - 1))) {
            pendingHighSurrogate = sb.charAt(n - 1);
            hasPending = true;
            sb.setLength(n - 1);
        }
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    synchronized void reset() {
        hasPending = false;
    }
}
