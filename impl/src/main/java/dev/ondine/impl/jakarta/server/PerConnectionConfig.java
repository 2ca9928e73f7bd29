package dev.ondine.impl.jakarta.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployed endpoint's configuration as one connection sees it: everything delegates to
 * the deployed configuration except the user properties, which start as a copy so that what
 * {@code modifyHandshake} and the session put there stays with this connection (Jakarta
 * WebSocket 2.2 §3.1.6 and {@code EndpointConfig.getUserProperties}).
 */
final class PerConnectionConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    PerConnectionConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        // A HashMap's rules (null keys and values allowed), as the API's own configurations use;
        // synchronized, as the handshake and the session's threads may share it.
        this.userProperties = Collections.synchronizedMap(new HashMap<>(deployed.getUserProperties()));
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
