package dev.ondine.impl.protocol.handshake;

import java.util.List;
import java.util.Objects;

/**
 * A client's opening handshake that passed {@link ServerHandshake#validate} (RFC 6455
 * §4.2.1): what the server needs to choose an endpoint, a subprotocol and extensions.
 *
 * @param path the path of the request target as sent (still percent-encoded), never empty
 * @param rawQuery the query as sent (without '?'), or null when there is none
 * @param host the {@code Host} value
 * @param origin the {@code Origin} value, or null when the client sent none (§4.2.1 item 7)
 * @param key the {@code Sec-WebSocket-Key} value (§4.2.1 item 5)
 * @param subprotocols the offered subprotocols in the client's order of preference (§4.2.1 item 8)
 * @param extensions the offered extensions in order (§4.2.1 item 9, §9.1)
 * @param headers every header field of the request
 */
public record WebSocketUpgradeRequest(
        String path,
        String rawQuery,
        String host,
        String origin,
        String key,
        List<String> subprotocols,
        List<ExtensionOffer> extensions,
        HttpHeaders headers) {

    public WebSocketUpgradeRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(key, "key");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(headers, "headers");
    }
}
