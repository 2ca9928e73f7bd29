package dev.ondine.impl.protocol;

/**
 * Which end of a connection this engine plays. The role decides the masking rules of
 * RFC 6455 §5.1: a client masks every frame it sends, a server masks none, and each side
 * refuses frames whose masking is wrong for the peer's role.
 */
public enum Role {
    SERVER,
    CLIENT;

    /** Whether frames received by this role must carry a mask (RFC 6455 §5.1). */
    public boolean expectsMaskedInput() {
        return this == SERVER;
    }

    /** Whether frames sent by this role must carry a mask (RFC 6455 §5.3). */
    public boolean masksOutput() {
        return this == CLIENT;
    }
}
