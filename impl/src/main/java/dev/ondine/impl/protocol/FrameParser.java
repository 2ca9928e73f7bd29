package dev.ondine.impl.protocol;

import java.nio.ByteBuffer;

/**
 * Incremental parser of the frames of RFC 6455 §5.2. Bytes are fed with {@link #parse} in
 * pieces of any size, split at any byte; what is found is reported to a {@link FrameHandler}.
 *
 * <p>Data frame payloads are unmasked in place in the input buffer and handed over as the
 * input buffer itself, its position and limit narrowed to the payload during the call,
 * without copying. Control frame payloads (at most 125 bytes, §5.5) are gathered in a
 * small buffer owned by the parser and delivered whole. Parsing allocates nothing per
 * frame.
 *
 * <p>The parser enforces the framing rules: opcodes (§5.2), RSV bits (§5.2), masking
 * (§5.1), control frames (§5.5), minimal length encoding (§5.2), fragmentation (§5.4), and
 * the configured frame size limit (1009, §7.4.1). It does not look inside payloads: UTF-8
 * and close frame contents are checked elsewhere.
 *
 * <p>After a {@link ProtocolException} (its own or one thrown by the handler) the parser is
 * failed for good: every later {@link #parse} call consumes its input and throws the same
 * exception again, and nothing more reaches the handler. An unchecked exception from the
 * handler leaves the parser mid-frame; the connection should then be dropped with it. Not
 * thread-safe: one parser per connection, fed by one thread at a time.
 */
public final class FrameParser {

    /** Largest payload of a control frame (§5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private static final int FIN_BIT = 0x80;
    private static final int RSV_BITS = 0x70;
    private static final int OPCODE_BITS = 0x0F;
    private static final int MASK_BIT = 0x80;
    private static final int LENGTH_BITS = 0x7F;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private enum State {
        FIRST_BYTE,
        SECOND_BYTE,
        EXTENDED_LENGTH,
        MASK_KEY,
        DATA_PAYLOAD,
        CONTROL_PAYLOAD,
        FAILED
    }

    private final Role role;
    private final FrameHandler handler;
    private final long maxFramePayload;
    /** Made when the first control frame arrives: a connection that never gets one holds none. */
    private ByteBuffer controlPayload;

    private int allowedRsv;
    private boolean fragmentedMessageOpen;

    private State state = State.FIRST_BYTE;
    private ProtocolException failure;

    // The frame being read.
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int headerBytesLeft;
    private int lengthBytes;
    private long payloadLength;
    private long payloadLeft;
    private int maskKey;
    private int maskPhase;

    /**
     * @param role the role of this end: a SERVER requires masked frames, a CLIENT unmasked ones (§5.1)
     * @param handler receives the frames
     * @param maxFramePayload the largest data frame payload accepted; larger fails with 1009
     */
    private boolean stopRequested;

    public FrameParser(Role role, FrameHandler handler, long maxFramePayload) {
        if (role == null || handler == null) {
            throw new NullPointerException(role == null ? "role" : "handler");
        }
        if (maxFramePayload < 0) {
            throw new IllegalArgumentException("maxFramePayload " + maxFramePayload + " < 0");
        }
        this.role = role;
        this.handler = handler;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * The RSV bits that negotiated extensions give a meaning to on data frames (§5.2, §9):
     * RSV1 = 4, RSV2 = 2, RSV3 = 1. Any other RSV bit set on a frame is a protocol error, and
     * so is any RSV bit on a control frame: the only extension there is, permessage-deflate,
     * forbids it there (RFC 7692 §6.1). Default 0.
     */
    public void setAllowedRsvBits(int mask) {
        if ((mask & ~7) != 0) {
            throw new IllegalArgumentException("RSV mask " + mask + " not in 0..7");
        }
        this.allowedRsv = mask;
    }

    /** Whether a fragmented message has begun and its final fragment has not yet arrived (§5.4). */
    public boolean isFragmentedMessageOpen() {
        return fragmentedMessageOpen;
    }

    /** Whether the parser stands between two frames (no partial frame pending). */
    public boolean isAtFrameBoundary() {
        return state == State.FIRST_BYTE;
    }

    /** Whether the parser has failed; see the class comment. */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    /**
     * Asks the {@link #parse} call in progress to return as soon as the current handler call
     * has returned, leaving the rest of its input unread (position just past what was
     * parsed). For a reader that must stop taking bytes now, not after the whole buffer.
     * Only from a handler callback, on the parsing thread.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Consumes all of {@code in} (position ends at limit), unless a handler calls
     * {@link #stop()}. When input must be masked (SERVER role) the buffer must be writable,
     * as payloads are unmasked in place.
     *
     * @throws ProtocolException if the bytes break RFC 6455 or the frame size limit, or the
     *         handler threw one; the parser is then failed
     */
    public void parse(ByteBuffer in) throws ProtocolException {
        if (state == State.FAILED) {
            in.position(in.limit());
            throw failure;
        }
        stopRequested = false;
        try {
            while (in.hasRemaining() && !stopRequested) {
                switch (state) {
                    case FIRST_BYTE -> readFirstByte(in.get());
                    case SECOND_BYTE -> readSecondByte(in.get());
                    case EXTENDED_LENGTH -> {
                        // §5.2: the extended payload length is in network byte order.
                        payloadLength = (payloadLength << 8) | (in.get() & 0xFF);
                        if (--headerBytesLeft == 0) {
                            checkExtendedLength();
                            afterLength();
                        }
                    }
                    case MASK_KEY -> {
                        maskKey = (maskKey << 8) | (in.get() & 0xFF);
                        if (--headerBytesLeft == 0) {
                            headerComplete();
                        }
                    }
                    case DATA_PAYLOAD -> readDataPayload(in);
                    case CONTROL_PAYLOAD -> readControlPayload(in);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (ProtocolException e) {
            state = State.FAILED;
            failure = e;
            in.position(in.limit());
            throw e;
        }
    }

    /** FIN, RSV1-3 and opcode (§5.2), and the rules that depend on them alone. */
    private void readFirstByte(byte b) throws ProtocolException {
        fin = (b & FIN_BIT) != 0;
        rsv = (b & RSV_BITS) >>> 4;
        opcode = b & OPCODE_BITS;
        // §5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved.
        if (!Opcode.isDefined(opcode)) {
            throw protocolError("reserved opcode 0x" + Integer.toHexString(opcode));
        }
        // §5.2: an RSV bit without a negotiated extension that defines it fails the connection.
        if ((rsv & ~allowedRsv) != 0) {
            throw protocolError("RSV bits " + rsv + " set, allowed " + allowedRsv);
        }
        if (Opcode.isControl(opcode)) {
            // RFC 7692 §6.1: no extension in use defines an RSV bit for control frames.
            if (rsv != 0) {
                throw protocolError("RSV bits " + rsv + " set on control frame " + Opcode.name(opcode));
            }
            // §5.5: control frames must not be fragmented.
            if (!fin) {
                throw protocolError("fragmented control frame " + Opcode.name(opcode));
            }
        } else if (opcode == Opcode.CONTINUATION) {
            // §5.4: a continuation belongs to a message begun by a non-final TEXT/BINARY frame.
            if (!fragmentedMessageOpen) {
                throw protocolError("continuation frame without a fragmented message");
            }
        } else if (fragmentedMessageOpen) {
            // §5.4: fragments of one message may only be interleaved with control frames.
            throw protocolError(Opcode.name(opcode) + " frame inside a fragmented message");
        }
        state = State.SECOND_BYTE;
    }

    /** MASK and the 7-bit payload length (§5.2). */
    private void readSecondByte(byte b) throws ProtocolException {
        masked = (b & MASK_BIT) != 0;
        // §5.1: a client masks every frame, a server masks none; either side refuses the wrong kind.
        if (masked != role.expectsMaskedInput()) {
            throw protocolError(masked ? "masked frame from a server" : "unmasked frame from a client");
        }
        int length7 = b & LENGTH_BITS;
        if (Opcode.isControl(opcode) && length7 > MAX_CONTROL_PAYLOAD) {
            // §5.5: control frame payloads are at most 125 bytes, so never use an extended length.
            throw protocolError("control frame payload longer than 125 bytes");
        }
        if (length7 == LENGTH_16) {
            lengthBytes = 2;
        } else if (length7 == LENGTH_64) {
            lengthBytes = 8;
        } else {
            payloadLength = length7;
            afterLength();
            return;
        }
        payloadLength = 0;
        headerBytesLeft = lengthBytes;
        state = State.EXTENDED_LENGTH;
    }

    /** §5.2: the most significant bit of a 64-bit length must be 0, and the minimal encoding must be used. */
    private void checkExtendedLength() throws ProtocolException {
        if (payloadLength < 0) {
            throw protocolError("64-bit payload length with the most significant bit set");
        }
        long smallestForForm = lengthBytes == 2 ? LENGTH_16 : 0x1_0000L;
        if (payloadLength < smallestForForm) {
            throw protocolError("payload length " + payloadLength + " not minimally encoded in "
                    + (lengthBytes * 8) + " bits");
        }
    }

    /** The payload length is known: apply the size limit, then expect the mask key or the payload. */
    private void afterLength() throws ProtocolException {
        if (!Opcode.isControl(opcode) && payloadLength > maxFramePayload) {
            // §7.4.1: 1009, a message too big to process; refused before any payload is read.
            throw new ProtocolException(CloseCodes.TOO_BIG,
                    "frame payload of " + payloadLength + " bytes exceeds the limit of " + maxFramePayload);
        }
        if (masked) {
            maskKey = 0;
            headerBytesLeft = 4;
            state = State.MASK_KEY;
        } else {
            headerComplete();
        }
    }

    /** The whole header has been read: start the frame, and finish it at once if its payload is empty. */
    private void headerComplete() throws ProtocolException {
        payloadLeft = payloadLength;
        maskPhase = 0;
        if (Opcode.isControl(opcode)) {
            if (controlPayload == null) {
                controlPayload = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD);
            }
            controlPayload.clear();
            state = State.CONTROL_PAYLOAD;
            if (payloadLeft == 0) {
                finishControlFrame();
            }
            return;
        }
        // §5.4: a non-final TEXT/BINARY opens a fragmented message; a final continuation closes it.
        if (opcode != Opcode.CONTINUATION) {
            fragmentedMessageOpen = !fin;
        } else if (fin) {
            fragmentedMessageOpen = false;
        }
        state = State.DATA_PAYLOAD;
        handler.onDataFrameStart(opcode, fin, rsv, payloadLength);
        if (payloadLeft == 0) {
            state = State.FIRST_BYTE;
            handler.onDataFrameEnd();
        }
    }

    /**
     * Unmasks (§5.3) and hands over as much of the data payload as {@code in} holds: the
     * input buffer itself, its position and limit narrowed to the payload for the call and
     * restored after it, so that no object is allocated per frame.
     */
    private void readDataPayload(ByteBuffer in) throws ProtocolException {
        int start = in.position();
        int count = (int) Math.min(payloadLeft, in.remaining());
        int end = start + count;
        if (masked) {
            Masker.mask(in, start, end, maskKey, maskPhase);
            maskPhase = Masker.phaseAfter(maskPhase, count);
        }
        payloadLeft -= count;
        if (payloadLeft == 0) {
            state = State.FIRST_BYTE;
        }
        int limit = in.limit();
        in.limit(end);
        try {
            handler.onDataPayload(in);
        } finally {
            in.limit(limit);
            in.position(end);
        }
        if (payloadLeft == 0) {
            handler.onDataFrameEnd();
        }
    }

    /** Gathers control frame payload bytes in the parser's own buffer. */
    private void readControlPayload(ByteBuffer in) throws ProtocolException {
        int count = (int) Math.min(payloadLeft, in.remaining());
        int start = in.position();
        controlPayload.put(controlPayload.position(), in, start, count);
        controlPayload.position(controlPayload.position() + count);
        in.position(start + count);
        payloadLeft -= count;
        if (payloadLeft == 0) {
            finishControlFrame();
        }
    }

    private void finishControlFrame() throws ProtocolException {
        controlPayload.flip();
        if (masked) {
            Masker.mask(controlPayload, 0, controlPayload.limit(), maskKey, 0);
        }
        state = State.FIRST_BYTE;
        handler.onControlFrame(opcode, controlPayload);
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCodes.PROTOCOL_ERROR, message);
    }
}
