package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.protocol.handshake.HttpHeaders;
import jakarta.websocket.HandshakeResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The server's 101 response as {@code ClientEndpointConfig.Configurator.afterResponse} sees it. */
final class ClientHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers;

    ClientHandshakeResponse(HttpHeaders httpHeaders) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : httpHeaders.names()) {
            h.put(name, new ArrayList<>(httpHeaders.all(name)));
        }
        this.headers = Collections.unmodifiableMap(h);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
