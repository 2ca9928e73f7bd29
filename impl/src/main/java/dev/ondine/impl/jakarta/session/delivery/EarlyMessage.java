package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.jakarta.codec.MessageKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;

/**
 * A text or binary message whose first frame arrived before the endpoint's {@code onOpen}
 * returned. Whether the endpoint takes it whole or in parts depends on the handlers that
 * {@code onOpen} registers (a server endpoint often adds them there, and the peer may send
 * as soon as the handshake ends), so the reading thread cannot decide: it hands the pieces
 * on as they come ({@link EarlySink}), and they are sorted here, on the session's executor,
 * after {@code onOpen}. The handler registered when the first piece is handled decides for
 * the whole message: a partial one gets the pieces as they were sent (Jakarta WebSocket 2.2
 * §2.1.3, {@code MessageHandler.Partial}); any other gets the message assembled, bounded by
 * the session's buffer size for that kind as it stands after {@code onOpen} (past it the
 * session closes with 1009, as for any message, §2.1.3); none drops it. This is the one
 * place where the session assembles a message itself. Used by one thread at a time (the
 * session's executor).
 *
 * @param <T> {@code String} for text, {@code ByteBuffer} for binary
 */
abstract class EarlyMessage<T> {
    private final Inbox inbox;
    private final MessageSink<T> target;
    private final long limit;
    private final MessageKind kind;
    private final ToLongFunction<T> sizeOf;
    private long bytes;
    private boolean overLimitReported;

    /** @param sizeOf the bytes a piece counts against the limit */
    private EarlyMessage(Inbox inbox, MessageSink<T> target, long limit, MessageKind kind, ToLongFunction<T> sizeOf) {
        this.inbox = inbox;
        this.target = target;
        this.limit = limit;
        this.kind = kind;
        this.sizeOf = sizeOf;
    }

    /**
     * @param target the text handler's sink registered now, or null
     * @param limit  the session's text buffer size, in bytes
     */
    static EarlyMessage<String> text(Inbox inbox, MessageSink<String> target, long limit) {
        return new Text(inbox, target, limit);
    }

    /** See {@link #text}. */
    static EarlyMessage<ByteBuffer> binary(Inbox inbox, MessageSink<ByteBuffer> target, long limit) {
        return new Binary(inbox, target, limit);
    }

    /** One piece of the message, in order. */
    void take(T piece, boolean last) {
        if (target == null) {
            if (last) {
                inbox.dropped(kind);
            }
        } else if (target instanceof PartialSink<T> partial) {
            partial.piece(piece, last);
        } else if (!add(piece)) {
            if (firstTimeOverLimit()) {
                inbox.tooBig(kind, limit);
            }
        } else if (last) {
            target.whole(whole());
        }
    }

    /** Adds a piece; false once the message is over the limit (nothing more is kept). */
    boolean add(T piece) {
        bytes += sizeOf.applyAsLong(piece);
        if (bytes > limit) {
            forget();
            return false;
        }
        append(piece);
        return true;
    }

    /** True the first time it is asked once the message is over the limit. */
    boolean firstTimeOverLimit() {
        boolean first = bytes > limit && !overLimitReported;
        overLimitReported |= first;
        return first;
    }

    abstract void append(T piece);

    /** Drops what was assembled. */
    abstract void forget();

    /** The message assembled so far. */
    abstract T whole();

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

    private static final class Text extends EarlyMessage<String> {
        private StringBuilder text;

        Text(Inbox inbox, MessageSink<String> target, long limit) {
            super(inbox, target, limit, MessageKind.TEXT, EarlyMessage::utf8Length);
        }

        @Override
        void append(String piece) {
            text = text == null ? new StringBuilder(piece) : text.append(piece);
        }

        @Override
        void forget() {
            text = null;
        }

        @Override
        String whole() {
            return text == null ? "" : text.toString();
        }
    }

    private static final class Binary extends EarlyMessage<ByteBuffer> {
        private ByteArrayOutputStream binary;

        Binary(Inbox inbox, MessageSink<ByteBuffer> target, long limit) {
            super(inbox, target, limit, MessageKind.BINARY, ByteBuffer::remaining);
        }

        /** Written straight from a heap buffer's array; a direct buffer through one copy. The piece does not move. */
        @Override
        void append(ByteBuffer piece) {
            if (binary == null) {
                binary = new ByteArrayOutputStream(piece.remaining());
            }
            if (piece.hasArray()) {
                binary.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
            } else {
                binary.writeBytes(ByteArraySink.toArray(piece));
            }
        }

        @Override
        void forget() {
            binary = null;
        }

        @Override
        ByteBuffer whole() {
            return ByteBuffer.wrap(binary == null ? new byte[0] : binary.toByteArray());
        }
    }
}
