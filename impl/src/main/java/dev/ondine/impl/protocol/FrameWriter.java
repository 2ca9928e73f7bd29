package dev.ondine.impl.protocol;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes frames (RFC 6455 §5.2) for gathering writes: a small header buffer followed by the
 * payload. A server's payload is sent as a view of the caller's buffer, so one encoded frame
 * can go to many connections; a client's payload is copied and masked (§5.3), leaving the
 * caller's bytes untouched.
 *
 * <p>Thread-safe: the writer holds no mutable state of its own, and {@link MaskKeySource}
 * is thread-safe, so one writer may serve many connections.
 */
public final class FrameWriter {

    /** Largest header: 2 bytes, a 64-bit extended length and a 4-byte masking key (§5.2). */
    public static final int MAX_HEADER_BYTES = 14;

    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final Role role;
    private final MaskKeySource keys;

    /**
     * @param role the role of this end; a CLIENT masks every frame it sends (§5.1)
     * @param keys source of masking keys; required for CLIENT, may be null for SERVER
     */
    public FrameWriter(Role role, MaskKeySource keys) {
        if (role == null) {
            throw new NullPointerException("role");
        }
        if (role.masksOutput() && keys == null) {
            throw new IllegalArgumentException("a client needs a MaskKeySource");
        }
        this.role = role;
        this.keys = keys;
    }

    /** Whether this writer masks its frames (a client's, §5.3). */
    public boolean masks() {
        return role.masksOutput();
    }

    /** The header size for a payload of this length: 2, 4 or 10 bytes, plus 4 when masking (§5.2). */
    public int headerLength(long payloadLength) {
        int base = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return role.masksOutput() ? base + 4 : base;
    }

    /**
     * Writes a frame header at {@code dst}'s position and advances it, using the minimal
     * length encoding (§5.2). For a CLIENT a fresh masking key is chosen and written; the
     * caller must mask the payload with it (see {@link Masker}).
     *
     * @param rsv the RSV bits in 0..7 (RSV1 = 4, RSV2 = 2, RSV3 = 1)
     * @return the masking key written, or 0 when this role does not mask
     * @throws IllegalArgumentException for a reserved opcode, bad RSV bits, a negative
     *         length, or a control frame that is fragmented or longer than 125 bytes
     * @throws java.nio.BufferOverflowException if {@code dst} has too little room
     */
    public int writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength) {
        validate(fin, rsv, opcode, payloadLength);
        if (dst.remaining() < headerLength(payloadLength)) {
            throw new BufferOverflowException();
        }
        dst.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = role.masksOutput() ? 0x80 : 0;
        // §5.2: 0-125 in 7 bits, up to 65535 in 16 bits, else 64 bits; always the shortest form.
        if (payloadLength < 126) {
            dst.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            dst.put((byte) (maskBit | 126));
            putBigEndian(dst, payloadLength, 2);
        } else {
            dst.put((byte) (maskBit | 127));
            putBigEndian(dst, payloadLength, 8);
        }
        if (!role.masksOutput()) {
            return 0;
        }
        // §5.3: a fresh, unpredictable key for every frame.
        int key = keys.nextKey();
        putBigEndian(dst, key & 0xFFFF_FFFFL, 4);
        return key;
    }

    /**
     * Encodes a frame as {header, payload} for a gathering write. The payload's position and
     * limit are not changed. SERVER: the payload part is a {@code duplicate()} of the
     * caller's buffer (no copy; read-only buffers are fine). CLIENT: it is a masked copy.
     */
    public ByteBuffer[] encode(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer header = ByteBuffer.allocate(headerLength(length));
        int key = writeHeader(header, fin, rsv, opcode, length);
        header.flip();
        if (!role.masksOutput()) {
            return new ByteBuffer[] {header, payload.duplicate()};
        }
        ByteBuffer masked = ByteBuffer.allocate(length);
        masked.put(payload.duplicate()).flip();
        Masker.mask(masked, 0, length, key, 0);
        return new ByteBuffer[] {header, masked};
    }

    /**
     * Encodes a whole frame, header and payload (masked for a CLIENT), into one new buffer
     * ready to read. Meant for small and control frames. The payload's position is unchanged.
     */
    public ByteBuffer encodeToSingleBuffer(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(headerLength(length) + length);
        int key = writeHeader(frame, fin, rsv, opcode, length);
        int payloadStart = frame.position();
        frame.put(payload.duplicate());
        if (role.masksOutput()) {
            Masker.mask(frame, payloadStart, frame.position(), key, 0);
        }
        return frame.flip();
    }

    private static void validate(boolean fin, int rsv, int opcode, long payloadLength) {
        if (!Opcode.isDefined(opcode)) {
            throw new IllegalArgumentException("reserved opcode " + Opcode.name(opcode));
        }
        if ((rsv & ~7) != 0) {
            throw new IllegalArgumentException("RSV bits " + rsv + " not in 0..7");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        // §5.5: control frames are never fragmented and carry at most 125 bytes.
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw new IllegalArgumentException("control frame " + Opcode.name(opcode) + " must be final");
            }
            if (payloadLength > MAX_CONTROL_PAYLOAD) {
                throw new IllegalArgumentException("control frame payload of " + payloadLength + " bytes > 125");
            }
        }
    }

    /** §5.2: multibyte lengths (and the masking key) are in network byte order. */
    private static void putBigEndian(ByteBuffer dst, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            dst.put((byte) (value >>> shift));
        }
    }
}
