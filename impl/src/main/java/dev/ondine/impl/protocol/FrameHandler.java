package dev.ondine.impl.protocol;

import java.nio.ByteBuffer;

/**
 * Receives what {@link FrameParser} finds in the byte stream, in order. Data frames arrive
 * as a start, zero or more payload chunks (already unmasked) and an end, so that a large
 * frame never has to be held whole; control frames (at most 125 bytes, §5.5) arrive whole.
 *
 * <p>Buffers handed to a handler are views of the parser's input or of its own small
 * control-frame buffer: they are valid only during the call, and a handler that keeps the
 * bytes must copy them.
 */
public interface FrameHandler {

    /**
     * A text, binary or continuation frame begins.
     *
     * @param opcode {@link Opcode#TEXT}, {@link Opcode#BINARY} or {@link Opcode#CONTINUATION}
     * @param fin whether this is the final fragment of its message (§5.4)
     * @param rsv the three RSV bits as an int in 0..7 (RSV1 = 4, RSV2 = 2, RSV3 = 1);
     *            the parser has already refused bits that no extension allowed
     * @param payloadLength the frame's payload length in bytes
     */
    void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolException;

    /**
     * Unmasked payload bytes of the current data frame; position..limit is the data. The
     * buffer may be the parser's input itself: a handler may read it (and move its
     * position) but must not keep it or change its limit.
     */
    void onDataPayload(ByteBuffer chunk) throws ProtocolException;

    /** The current data frame's payload is complete (also called for an empty frame). */
    void onDataFrameEnd() throws ProtocolException;

    /**
     * A whole control frame (close, ping or pong), unmasked.
     *
     * @param opcode {@link Opcode#CLOSE}, {@link Opcode#PING} or {@link Opcode#PONG}
     * @param payload the payload, 0 to 125 bytes
     */
    void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException;
}
