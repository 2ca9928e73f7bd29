package dev.ondine.impl.jakarta.server;

import jakarta.websocket.HandshakeResponse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The response headers a configurator may change in {@code modifyHandshake}; they go out
 * in the 101 response (Jakarta WebSocket 2.2 §3.1.6).
 */
final class UpgradeHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
