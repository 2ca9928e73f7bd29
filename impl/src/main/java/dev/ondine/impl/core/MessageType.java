package dev.ondine.impl.core;

import dev.ondine.impl.protocol.Opcode;

/**
 * The two kinds of data message (RFC 6455 §5.6): what the layer above sends, in its own
 * words. The core alone turns them into opcodes, continuation frames included (§5.4).
 */
public enum MessageType {
    TEXT(Opcode.TEXT),
    BINARY(Opcode.BINARY);

    private final int opcode;

    MessageType(int opcode) {
        this.opcode = opcode;
    }

    /** The opcode of the message's first frame. */
    int opcode() {
        return opcode;
    }
}
