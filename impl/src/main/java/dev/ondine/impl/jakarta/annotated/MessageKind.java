package dev.ondine.impl.jakarta.annotated;

/**
 * The three native WebSocket message formats an {@code @OnMessage} method can handle. An
 * endpoint may have at most one message method per kind (Jakarta WebSocket 2.2 §4.7,
 * WSC-4.7-4).
 */
enum MessageKind {
    TEXT,
    BINARY,
    PONG
}
