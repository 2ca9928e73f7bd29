package dev.ondine.impl.jakarta.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A text or binary message whose first frame arrived before the endpoint's {@code onOpen}
 * returned. Whether the endpoint takes it whole or in parts depends on the handlers that
 * {@code onOpen} registers (a server endpoint often adds them there, and the peer may send
 * as soon as the handshake ends), so the reading thread cannot decide: it hands the pieces
 * on as they come, and they are sorted here, on the session's executor, after
 * {@code onOpen}. The handler registered when the first piece is handled decides for the
 * whole message: a partial one gets the pieces as they were sent (Jakarta WebSocket 2.2
 * §2.1.3, {@code MessageHandler.Partial}); any other gets the message assembled, bounded by
 * the session's buffer size for that kind as it stands after {@code onOpen} (past it the
 * session closes with 1009, as for any message, §2.1.3); none drops it. Used by one thread
 * at a time (the session's executor).
 */
final class EarlyMessage {
    private final RegisteredHandler target;
    private final long limit;
    private StringBuilder text;
    private ByteArrayOutputStream binary;
    private long bytes;
    private boolean overLimitReported;

    /**
     * @param target the handler of the message's kind registered now, or null
     * @param limit  the session's buffer size for that kind, in bytes
     */
    EarlyMessage(RegisteredHandler target, long limit) {
        this.target = target;
        this.limit = limit;
    }

    /** The handler that takes the message; null when the message is dropped. */
    RegisteredHandler target() {
        return target;
    }

    /** Whether the target takes the message in parts, piece by piece. */
    boolean partial() {
        return target != null && (target.delivery == RegisteredHandler.Delivery.TEXT_PARTIAL
                || target.delivery == RegisteredHandler.Delivery.BINARY_PARTIAL_BUFFER
                || target.delivery == RegisteredHandler.Delivery.BINARY_PARTIAL_ARRAY);
    }

    /** Adds a piece of text; false once the message is over the limit (nothing more is kept). */
    boolean add(String piece) {
        bytes += utf8Length(piece);
        if (bytes > limit) {
            text = null;
            return false;
        }
        if (text == null) {
            text = new StringBuilder(piece.length());
        }
        text.append(piece);
        return true;
    }

    /** Adds a piece of binary data; false once the message is over the limit. */
    boolean add(ByteBuffer piece) {
        bytes += piece.remaining();
        if (bytes > limit) {
            binary = null;
            return false;
        }
        if (binary == null) {
            binary = new ByteArrayOutputStream(piece.remaining());
        }
        if (piece.hasArray()) {
            binary.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
        } else {
            byte[] chunk = new byte[piece.remaining()];
            piece.duplicate().get(chunk);
            binary.writeBytes(chunk);
        }
        return true;
    }

    String wholeText() {
        return text == null ? "" : text.toString();
    }

    ByteBuffer wholeBinary() {
        return ByteBuffer.wrap(binary == null ? new byte[0] : binary.toByteArray());
    }

    long limit() {
        return limit;
    }

    /** True the first time it is asked once the message is over the limit. */
    boolean firstTimeOverLimit() {
        boolean first = bytes > limit && !overLimitReported;
        overLimitReported |= first;
        return first;
    }

    /** The length of {@code s} in UTF-8 (a surrogate pair is four bytes, two per unit). */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                n += 2;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
