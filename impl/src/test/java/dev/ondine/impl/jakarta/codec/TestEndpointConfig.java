package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An endpoint configuration for the codec tests; coders see it in {@code init}. */
final class TestEndpointConfig implements EndpointConfig {

    private final Map<String, Object> userProperties = new HashMap<>();

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return List.of();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return List.of();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
