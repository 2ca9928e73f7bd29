package dev.ondine.impl.jakarta.codec;

/**
 * The native WebSocket message a whole-message handler receives: text, binary or pong
 * (Jakarta WebSocket 2.2 §2.1.3: at most one handler per native message type).
 */
public enum MessageKind {
    TEXT,
    BINARY,
    PONG
}
