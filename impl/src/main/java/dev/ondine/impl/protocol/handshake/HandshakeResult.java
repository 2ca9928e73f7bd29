package dev.ondine.impl.protocol.handshake;

import java.util.List;
import java.util.Objects;

/**
 * What the server agreed to in a valid 101 response (RFC 6455 §4.1, §4.2.2).
 *
 * @param subprotocol the subprotocol the server chose, or null for none (§1.9)
 * @param extensions the extensions in use, with the server's parameters, in order (§9.1)
 * @param response the response head
 */
public record HandshakeResult(String subprotocol, List<ExtensionOffer> extensions, HttpResponseHead response) {

    public HandshakeResult {
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(response, "response");
    }
}
