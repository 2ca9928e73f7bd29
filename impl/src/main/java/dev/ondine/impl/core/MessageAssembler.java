package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Utf8Validator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the data frames of one connection into messages (RFC 6455 §5.4, §5.6): whole
 * messages bounded by the message limits, or pieces as they arrive. Which one is asked of
 * the listener once, at a message's first frame: the {@link PartSink} it returns (if any)
 * gets every piece of that message. Text is checked for valid UTF-8 as its bytes arrive, so an invalid byte fails the
 * connection with 1007 at once, even in the middle of a fragment (§8.1).
 *
 * <p>Fragment ordering itself (no continuation without a start, no new message inside a
 * fragmented one) is enforced by the frame parser before frames reach this class.
 *
 * <p>Between messages this holds no buffer: a whole message's bytes are held only while it
 * is incomplete, in an array sized to the frame (or grown for fragmented messages).
 *
 * <p>Decompressed payloads (permessage-deflate) come with an unknown length
 * ({@link #UNKNOWN_LENGTH}): each piece is checked against the limit before it is stored,
 * so a whole message's array never grows past the message limit (1009 first); pieces of a
 * message delivered in parts are bounded by the decompressed-message limit.
 */
final class MessageAssembler {
    /** The payload length of a frame whose (decompressed) size is not known in advance. */
    static final long UNKNOWN_LENGTH = -1;

    private final ConnectionListener listener;
    private final Utf8Validator utf8 = new Utf8Validator();

    private int maxTextBytes;
    private int maxBinaryBytes;
    private final long maxDecompressedPartialBytes;

    /** TEXT or BINARY while a message is in progress, else -1. */
    private int messageOpcode = -1;
    /** Whether the message in progress goes to one of the sinks below, piece by piece. */
    private boolean partial;
    private PartSink<String> textParts;
    private PartSink<ByteBuffer> binaryParts;
    private boolean frameFin;
    private long frameRemaining;
    private boolean lastPartDelivered;

    /** Whole-message accumulation. */
    private byte[] buffer;
    private int length;

    /** Partial text: the bytes of a character split across pieces (at most 3). */
    private byte[] carry;
    private int carryLength;

    /** Decompressed bytes of the current message delivered in parts. */
    private long partialDecompressed;

    /** Payload bytes of the message in progress so far (decompressed), for the metrics. */
    private long messageBytes;
    private final ConnectionMetrics metrics;
    /** Messages received since the metrics were last told ({@link #publishReceived()}). */
    private final MessageCounts received = new MessageCounts();

    MessageAssembler(ConnectionListener listener, int maxTextBytes, int maxBinaryBytes,
                     long maxDecompressedPartialBytes, ConnectionMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
        this.maxDecompressedPartialBytes = maxDecompressedPartialBytes;
    }

    void setMaxTextBytes(int max) {
        this.maxTextBytes = max;
    }

    void setMaxBinaryBytes(int max) {
        this.maxBinaryBytes = max;
    }

    int maxTextBytes() {
        return maxTextBytes;
    }

    int maxBinaryBytes() {
        return maxBinaryBytes;
    }

    void frameStart(int opcode, boolean fin, long payloadLength) throws ProtocolException {
        if (opcode != Opcode.CONTINUATION) {
            messageOpcode = opcode;
            if (opcode == Opcode.TEXT) {
                textParts = listener.textParts();
                partial = textParts != null;
            } else {
                binaryParts = listener.binaryParts();
                partial = binaryParts != null;
            }
            length = 0;
            messageBytes = 0;
            buffer = null;
            carryLength = 0;
            lastPartDelivered = false;
            partialDecompressed = 0;
            utf8.reset();
        }
        frameFin = fin;
        frameRemaining = payloadLength;
        if (!partial && payloadLength != UNKNOWN_LENGTH) {
            int limit = messageOpcode == Opcode.TEXT ? maxTextBytes : maxBinaryBytes;
            if (length + payloadLength > limit) {
                // RFC 6455 §7.4.1: 1009, a message too big to process.
                throw new ProtocolException(CloseCodes.TOO_BIG, (messageOpcode == Opcode.TEXT ? "Text" : "Binary")
                        + " message larger than " + limit + " bytes");
            }
            if (payloadLength > 0 && !(opcode != Opcode.CONTINUATION && fin)) {
                ensureCapacity(length + (int) payloadLength, limit);
            }
        }
    }

    void payload(ByteBuffer chunk) throws ProtocolException {
        int n = chunk.remaining();
        messageBytes += n;
        boolean unknownLength = frameRemaining == UNKNOWN_LENGTH;
        if (unknownLength) {
            checkDecompressed(n);
        } else {
            frameRemaining -= n;
        }
        if (messageOpcode == Opcode.TEXT && utf8.validate(chunk) >= 0) {
            // RFC 6455 §8.1: fail the connection as soon as invalid UTF-8 is seen.
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Text message is not valid UTF-8");
        }
        boolean last = frameFin && frameRemaining == 0; // never for an unknown length: frameEnd ends it
        if (partial) {
            deliverPart(chunk, last);
            lastPartDelivered = last;
            return;
        }
        if (buffer == null && length == 0 && last) {
            // The whole message is in this chunk: hand it over without an intermediate array.
            if (last && messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
                throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence");
            }
            deliverWhole(chunk);
            messageDelivered();
            return;
        }
        if (unknownLength) {
            ensureCapacity(length + n, limit());
        } else if (buffer == null) {
            // A single-frame message arriving in several chunks: size the array to the frame.
            buffer = new byte[(int) (n + frameRemaining)];
        }
        chunk.get(buffer, length, n);
        length += n;
    }

    void frameEnd() throws ProtocolException {
        if (!frameFin || messageOpcode == -1) {
            return;
        }
        if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence");
        }
        if (partial) {
            if (!lastPartDelivered) {
                deliverPart(ByteBuffer.allocate(0), true);
            }
        } else if (messageOpcode == Opcode.TEXT) {
            String text = length == 0 ? "" : new String(buffer, 0, length, StandardCharsets.UTF_8);
            release();
            listener.onText(text);
        } else {
            ByteBuffer message = length == 0 ? ByteBuffer.allocate(0) : ByteBuffer.wrap(buffer, 0, length);
            release();
            listener.onBinary(message);
        }
        messageDelivered();
    }

    /** A message was received to its end (delivered whole, or its last part). */
    private void messageDelivered() {
        received.add(messageOpcode == Opcode.TEXT ? MessageType.TEXT : MessageType.BINARY, messageBytes);
        endMessage();
    }

    /** Tells the metrics of the messages received since the last call: at the end of each read. */
    void publishReceived() {
        received.publishReceived(metrics);
    }

    private void endMessage() {
        messageOpcode = -1;
        textParts = null;
        binaryParts = null;
    }

    /**
     * A piece of decompressed payload of {@code n} bytes: refused with 1009 before it is
     * stored or delivered if it takes the message past its limit (RFC 7692 §8.1 leaves the
     * bound to the implementation; RFC 6455 §7.4.1 gives the code).
     */
    private void checkDecompressed(int n) throws ProtocolException {
        if (partial) {
            partialDecompressed += n;
            if (partialDecompressed > maxDecompressedPartialBytes) {
                throw new ProtocolException(CloseCodes.TOO_BIG, "Decompressed message larger than "
                        + maxDecompressedPartialBytes + " bytes");
            }
        } else if ((long) length + n > limit()) {
            throw new ProtocolException(CloseCodes.TOO_BIG, (messageOpcode == Opcode.TEXT ? "Text" : "Binary")
                    + " message larger than " + limit() + " bytes once decompressed");
        }
    }

    private int limit() {
        return messageOpcode == Opcode.TEXT ? maxTextBytes : maxBinaryBytes;
    }

    private void deliverWhole(ByteBuffer chunk) {
        if (messageOpcode == Opcode.TEXT) {
            listener.onText(decode(chunk));
        } else {
            ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
            copy.put(chunk).flip();
            listener.onBinary(copy);
        }
    }

    private void deliverPart(ByteBuffer chunk, boolean last) {
        if (messageOpcode == Opcode.BINARY) {
            ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
            copy.put(chunk).flip();
            binaryParts.part(copy, last);
            return;
        }
        // Text pieces never split a character: keep an incomplete trailing sequence for the next piece.
        int n = chunk.remaining();
        byte[] bytes = new byte[carryLength + n];
        if (carryLength > 0) {
            System.arraycopy(carry, 0, bytes, 0, carryLength);
        }
        chunk.get(bytes, carryLength, n);
        int end = last ? bytes.length : completeCharactersEnd(bytes);
        carryLength = bytes.length - end;
        if (carryLength > 0) {
            if (carry == null) {
                carry = new byte[4];
            }
            System.arraycopy(bytes, end, carry, 0, carryLength);
        }
        textParts.part(new String(bytes, 0, end, StandardCharsets.UTF_8), last);
    }

    /**
     * The index just past the last complete UTF-8 character of {@code bytes} (which is
     * valid UTF-8 but may end inside a character).
     */
    static int completeCharactersEnd(byte[] bytes) {
        int end = bytes.length;
        // Walk back over at most three continuation bytes to the lead byte of the last character.
        int i = end - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return end;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return continuation + 1 >= needed ? end : i;
    }

    private static String decode(ByteBuffer chunk) {
        int n = chunk.remaining();
        String s;
        if (chunk.hasArray()) {
            s = new String(chunk.array(), chunk.arrayOffset() + chunk.position(), n, StandardCharsets.UTF_8);
            chunk.position(chunk.limit());
        } else {
            byte[] bytes = new byte[n];
            chunk.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    private void ensureCapacity(int needed, int limit) {
        if (buffer == null) {
            buffer = new byte[Math.max(needed, Math.min(4096, limit))];
        } else if (buffer.length < needed) {
            int grown = (int) Math.min((long) limit, Math.max((long) needed, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    private void release() {
        buffer = null;
        length = 0;
    }

    /** Drops any half-received message (the connection is closing). */
    void discard() {
        release();
        endMessage();
        carryLength = 0;
    }
}
