package dev.ondine.impl.core;

import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * One whole message sent to many connections (a broadcast), encoded once: its server frame,
 * header and payload in one buffer, is built on first use and every server connection queues
 * a read-only {@code duplicate()} of it (its own position and limit, the same bytes). The
 * frame compressed for permessage-deflate (RFC 7692 §7.2.1) is built once per compression
 * level, for the connections that compress each message alone (§7.1.1.1
 * {@code server_no_context_takeover}): such a message depends on no earlier one, so the same
 * bytes are right for all of them. A client connection masks every frame with a key of its
 * own (RFC 6455 §5.3) and encodes the message itself ({@link OutboundFrames#shared}).
 *
 * <p>Thread-safe: the frames are built under this object's lock and never change afterwards
 * (each member gets a {@code duplicate()}, a position and limit of its own).
 */
public final class SharedMessage {
    /** Server frames are never masked: one writer serves every message. */
    private static final FrameWriter SERVER_FRAMES = new FrameWriter(Role.SERVER, null);
    /** Levels -1 (the default) to 9. */
    private static final int LEVELS = 11;

    private final MessageType type;
    private final ByteBuffer payload;
    /** Read by every member, built once: no lock once it is there. */
    private volatile ByteBuffer plainFrame;
    private ByteBuffer[] compressedFrames;
    /** Frames built so far (one uncompressed, one per compression level): what tests look at. */
    private int encodings;

    /**
     * @param payload the message's bytes (its remaining ones); they must not change afterwards
     *        (the message keeps a read-only view, not a copy)
     */
    public SharedMessage(MessageType type, ByteBuffer payload) {
        this.type = type;
        this.payload = payload.asReadOnlyBuffer();
    }

    public MessageType type() {
        return type;
    }

    /** The payload's length, before compression. */
    public int payloadBytes() {
        return payload.remaining();
    }

    /** A read-only view of the payload, for a connection that encodes the message itself. */
    ByteBuffer payload() {
        return payload.duplicate();
    }

    /** How many server frames were built for this message (each at most once). */
    synchronized int encodings() {
        return encodings;
    }

    /** The uncompressed server frame (RSV1 clear), a view of its own for one connection's queue. */
    ByteBuffer plainFrame() {
        ByteBuffer frame = plainFrame;
        if (frame == null) {
            synchronized (this) {
                frame = plainFrame;
                if (frame == null) {
                    frame = SERVER_FRAMES.encodeToSingleBuffer(true, 0, type.opcode(), payload).asReadOnlyBuffer();
                    encodings++;
                    plainFrame = frame;
                }
            }
        }
        return frame.duplicate();
    }

    /**
     * The server frame compressed alone at {@code level} (RSV1 set, RFC 7692 §6.1), a view of
     * its own for one connection's queue.
     */
    ByteBuffer compressedFrame(int level) {
        int slot = level == Deflater.DEFAULT_COMPRESSION ? 0 : level + 1;
        ByteBuffer frame;
        synchronized (this) {
            if (compressedFrames == null) {
                compressedFrames = new ByteBuffer[LEVELS];
            }
            frame = compressedFrames[slot];
            if (frame == null) {
                ByteBuffer compressed = PerMessageDeflate.compressAlone(payload, level);
                frame = SERVER_FRAMES.encodeToSingleBuffer(true, PerMessageDeflate.RSV1, type.opcode(), compressed)
                        .asReadOnlyBuffer();
                compressedFrames[slot] = frame;
                encodings++;
            }
        }
        return frame.duplicate();
    }
}
