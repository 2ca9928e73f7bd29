package dev.ondine.tck.servlet.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.LinkedHashSet;
import java.util.Set;

/** The application's choice of endpoints (Jakarta WebSocket 2.2 §6.2): all annotated ones, two programmatic ones. */
public class AppConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        if (endpointClasses.contains(ReportingEndpoint.class)) {
            ServerEndpointConfig programmatic = ServerEndpointConfig.Builder.create(ReportingEndpoint.class, "/programmatic")
                    .configurator(new SessionConfigurator()).build();
            programmatic.getUserProperties().put("tag", "config");
            configs.add(programmatic);
            configs.add(ReportingEndpoint.config("/secure/ws", "secure"));
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
