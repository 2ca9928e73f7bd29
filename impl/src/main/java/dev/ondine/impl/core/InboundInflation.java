package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.nio.ByteBuffer;

/**
 * The receiving side of permessage-deflate (RFC 7692): a message whose first frame has RSV1
 * set is inflated as it arrives, and the decompressed bytes go to the message assembler
 * (where the size limits and UTF-8 checks apply to them). Messages without RSV1 pass by.
 * Used by the reading thread only.
 */
final class InboundInflation {
    private final PerMessageDeflate deflate;
    private final DeflateRelease release;
    private final PerMessageDeflate.Sink assembler;
    /** The message being received is compressed (RSV1 on its first frame). */
    private boolean inflating;
    private boolean finalFrame;

    InboundInflation(DeflateRelease release, MessageAssembler assembler) {
        this.deflate = release.codec();
        this.release = release;
        this.assembler = assembler::payload;
    }

    /**
     * A data frame begins; returns whether its payload is compressed (then it goes through
     * {@link #payload} and its length says nothing about the message's).
     */
    boolean frameStart(int opcode, boolean fin, int rsv) throws ProtocolException {
        boolean compressed = (rsv & PerMessageDeflate.RSV1) != 0;
        if (opcode == Opcode.CONTINUATION) {
            if (compressed) {
                // §6.1: the "Per-Message Compressed" bit only on a message's first frame.
                throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
            }
        } else {
            inflating = compressed;
        }
        finalFrame = fin;
        return inflating;
    }

    boolean inflating() {
        return inflating;
    }

    void payload(ByteBuffer chunk) throws ProtocolException {
        deflate.decompress(chunk, assembler);
    }

    /** A compressed frame ends; on the message's last one, §7.2.2's tail flushes the last bytes out. */
    void frameEnd() throws ProtocolException {
        if (inflating && finalFrame) {
            deflate.endMessage(assembler);
            inflating = false;
            release.used();
        }
    }
}
