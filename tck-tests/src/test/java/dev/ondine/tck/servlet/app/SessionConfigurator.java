package dev.ondine.tck.servlet.app;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Reads the HTTP session in modifyHandshake (Jakarta WebSocket 2.2 §3.1, {@code getHttpSession()}). */
public class SessionConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        HttpSession http = (HttpSession) request.getHttpSession();
        sec.getUserProperties().put("httpValue", http == null ? "none" : http.getAttribute("value"));
    }
}
