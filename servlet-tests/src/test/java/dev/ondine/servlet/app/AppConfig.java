package dev.ondine.servlet.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.LinkedHashSet;
import java.util.Set;

/** Chooses the application's endpoints (Jakarta WebSocket 2.2 §6.2). */
public class AppConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        if (endpointClasses.contains(ProgrammaticEndpoint.class)) {
            configs.add(ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/programmatic")
                    .configurator(new SessionConfigurator()).build());
            configs.add(ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/secure/ws").build());
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> chosen = new LinkedHashSet<>(scanned);
        chosen.remove(ExcludedEndpoint.class);
        return chosen;
    }
}
