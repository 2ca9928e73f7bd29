package dev.ondine.impl.transport;

import dev.ondine.impl.protocol.handshake.HttpRequestHead;

import java.nio.ByteBuffer;

/**
 * Answers plain HTTP requests that reach a WebSocket server without asking for an upgrade:
 * the static pages of an application, typically. The transport sends the answer and closes
 * the connection.
 */
@FunctionalInterface
public interface HttpResponder {

    /**
     * The complete response to {@code request} (see
     * {@link dev.ondine.impl.protocol.handshake.HttpResponses}), or null to let the
     * WebSocket handshake rules answer it.
     */
    ByteBuffer respond(HttpRequestHead request);
}
