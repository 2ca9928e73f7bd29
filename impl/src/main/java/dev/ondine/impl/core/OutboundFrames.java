package dev.ondine.impl.core;

import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.nio.ByteBuffer;

/**
 * Turns outgoing messages into frames: the first part of a message carries its opcode and
 * the following parts are continuations (RFC 6455 §5.4), masked as the role requires (§5.3),
 * and, when permessage-deflate was agreed, compressed as one stream per message with RSV1 on
 * its first frame only (RFC 7692 §6.1, §7.2.1).
 *
 * <p>Not thread-safe: the connection encodes under its lock, so that the compressed stream
 * and the continuation state follow the outgoing queue's order.
 */
final class OutboundFrames {
    private final FrameWriter writer;
    /** permessage-deflate when this side compresses, or null (not negotiated, or sending uncompressed). */
    private final PerMessageDeflate deflate;
    private final DeflateRelease release;
    /** The type of the fragmented message being sent, or null between messages. */
    private MessageType unfinished;

    OutboundFrames(Role role, MaskKeySource maskKeys, DeflateRelease release) {
        this.writer = new FrameWriter(role, maskKeys);
        // RFC 7692 §6: a message with RSV1 clear is not compressed; a side whose agreed window
        // the JDK's Deflater cannot keep to (§7.1.2) sends every message that way.
        boolean compresses = release != null && release.codec().compresses();
        this.deflate = compresses ? release.codec() : null;
        this.release = compresses ? release : null;
    }

    /**
     * Checks that a part of {@code type} may be sent now: a message may not begin while a
     * fragmented message of the other type is unfinished (§5.4: fragments of one message are
     * not interleaved with another's).
     */
    void checkMayStart(MessageType type) {
        if (unfinished != null && unfinished != type) {
            throw new IllegalStateException("A fragmented " + unfinished + " message is unfinished; cannot send a "
                    + type + " fragment");
        }
    }

    /** Encodes one part of a message of {@code type}; {@code last} ends the message. */
    ByteBuffer[] data(MessageType type, ByteBuffer payload, boolean last) {
        boolean first = unfinished == null;
        int opcode = first ? type.opcode() : Opcode.CONTINUATION;
        ByteBuffer[] frame;
        if (deflate == null) {
            frame = writer.encode(last, 0, opcode, payload);
        } else {
            ByteBuffer compressed = deflate.compress(payload, last);
            frame = writer.encode(last, first ? PerMessageDeflate.RSV1 : 0, opcode, compressed);
            if (last) {
                release.used();
            }
        }
        unfinished = last ? null : type;
        return frame;
    }

    /** Whether a message sent in parts is unfinished (no other message may start, §5.4). */
    boolean inMessage() {
        return unfinished != null;
    }

    /**
     * The frame of a whole {@link SharedMessage} for this connection, between two messages.
     * A server queues a view of the message's shared frame: compressed once when this side
     * compresses each message alone, uncompressed otherwise (RFC 7692 leaves every message's
     * compression to the sender: RSV1 clear, this connection's compression context is
     * neither used nor changed). A client masks with a key of its own (RFC 6455 §5.3), so it
     * encodes the message itself, compressed as its own messages are.
     */
    ByteBuffer[] shared(SharedMessage message) {
        if (writer.masks()) {
            return data(message.type(), message.payload(), true);
        }
        if (deflate != null && deflate.compressesEachMessageAlone()) {
            return new ByteBuffer[] {message.compressedFrame(deflate.level())};
        }
        return new ByteBuffer[] {message.plainFrame()};
    }

    /** Encodes a control frame (ping, pong, close) in one buffer; §5.5: at most 125 bytes. */
    ByteBuffer control(int opcode, ByteBuffer payload) {
        return writer.encodeToSingleBuffer(true, 0, opcode, payload);
    }
}
