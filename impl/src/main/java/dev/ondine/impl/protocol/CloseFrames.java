package dev.ondine.impl.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads and writes the payload of a close frame (RFC 6455 §5.5.1, §7.4). */
public final class CloseFrames {

    /** A control frame payload is at most 125 bytes (§5.5). */
    public static final int MAX_PAYLOAD = 125;
    /** The 2-byte status code leaves this much room for the reason (§5.5, §5.5.1). */
    public static final int MAX_REASON_BYTES = MAX_PAYLOAD - 2;

    private CloseFrames() {
    }

    /**
     * A close status: the code and the reason. A close frame without payload is reported
     * as {@link CloseCodes#NO_STATUS} with an empty reason (§7.1.5, §7.1.6).
     */
    public record CloseStatus(int code, String reason) {
        public CloseStatus {
            if (reason == null) {
                reason = "";
            }
        }
    }

    /**
     * Parses a received close frame's payload, position to limit; the buffer is not moved.
     *
     * @throws ProtocolException 1002 for a 1-byte payload or a code that may not be sent
     *         (§5.5.1, §7.4.1, §7.4.2); 1007 for a reason that is not UTF-8 (§5.5.1, §8.1)
     */
    public static CloseStatus parse(ByteBuffer payload) throws ProtocolException {
        int from = payload.position();
        int length = payload.remaining();
        if (length == 0) {
            // §5.5.1: the body is optional; §7.1.5: then the status is 1005.
            return new CloseStatus(CloseCodes.NO_STATUS, "");
        }
        if (length == 1) {
            // §5.5.1: if there is a body, its first two bytes are the status code.
            throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "close frame payload of 1 byte");
        }
        int code = ((payload.get(from) & 0xFF) << 8) | (payload.get(from + 1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            // §7.4.1, §7.4.2: codes that are reserved or local-only must not be received.
            throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
        }
        if (length == 2) {
            return new CloseStatus(code, "");
        }
        byte[] reason = new byte[length - 2];
        payload.get(from + 2, reason);
        // §5.5.1: the reason is UTF-8; §8.1: invalid UTF-8 fails the connection with 1007.
        Utf8Validator validator = new Utf8Validator();
        if (validator.validate(reason, 0, reason.length) >= 0 || !validator.isComplete()) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
        }
        return new CloseStatus(code, new String(reason, StandardCharsets.UTF_8));
    }

    /**
     * The payload of a close frame to send: the code in network byte order and the reason in
     * UTF-8 (§5.5.1), the reason cut at a code point boundary so that the payload fits in
     * 125 bytes (§5.5). {@link CloseCodes#NO_STATUS} gives an empty payload (§7.4.1: it is
     * never sent, an empty close frame stands for it). A lone surrogate in the reason is
     * sent as U+FFFD.
     *
     * @param reason the reason, or null for none
     * @return a buffer ready to read (position 0, limit = payload length)
     * @throws IllegalArgumentException if {@code code} may not be sent (§7.4.1, §7.4.2), or
     *         if a reason is given with {@link CloseCodes#NO_STATUS}
     */
    public static ByteBuffer encode(int code, String reason) {
        String text = reason == null ? "" : reason;
        if (code == CloseCodes.NO_STATUS) {
            if (!text.isEmpty()) {
                throw new IllegalArgumentException("a close reason needs a status code; 1005 has none");
            }
            return ByteBuffer.allocate(0);
        }
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        ByteBuffer out = ByteBuffer.allocate(2 + Math.min(MAX_REASON_BYTES, text.length() * 3));
        out.put((byte) (code >>> 8)).put((byte) code);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                cp = 0xFFFD; // a lone surrogate has no UTF-8 form (RFC 3629 §3)
            }
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (out.position() + size > MAX_PAYLOAD) {
                break;
            }
            putUtf8(out, cp, size);
            i = next;
        }
        out.flip();
        return out;
    }

    // RFC 3629 §3: the bit layout of 1- to 4-byte sequences.
    private static void putUtf8(ByteBuffer out, int cp, int size) {
        switch (size) {
            case 1 -> out.put((byte) cp);
            case 2 -> {
                out.put((byte) (0xC0 | (cp >>> 6)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            }
            case 3 -> {
                out.put((byte) (0xE0 | (cp >>> 12)));
                out.put((byte) (0x80 | ((cp >>> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            }
            default -> {
                out.put((byte) (0xF0 | (cp >>> 18)));
                out.put((byte) (0x80 | ((cp >>> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >>> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            }
        }
    }
}
