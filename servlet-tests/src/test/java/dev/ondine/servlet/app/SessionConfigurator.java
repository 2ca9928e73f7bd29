package dev.ondine.servlet.app;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** Reads the HTTP session in modifyHandshake and adds a response header. */
public class SessionConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        HttpSession http = (HttpSession) request.getHttpSession();
        sec.getUserProperties().put("httpValue", http == null ? "none" : http.getAttribute("value"));
        response.getHeaders().put("X-Ondine-Configurator", List.of("modifyHandshake"));
    }
}
