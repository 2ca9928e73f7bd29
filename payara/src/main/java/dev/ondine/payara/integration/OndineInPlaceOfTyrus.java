package dev.ondine.payara.integration;

import fish.payara.web.loader.ServletContainerInitializerBlacklist;
import jakarta.servlet.ServletContainerInitializer;

import java.util.Map;
import java.util.Set;

/**
 * Makes Ondine the only WebSocket implementation of an application on Payara (and
 * GlassFish's Payara-based builds). Payara finds this class with {@code ServiceLoader} in
 * the application's class loader while it collects the application's
 * {@code ServletContainerInitializer}s; when Ondine's initializer is among them, the
 * server's own (Tyrus's) is removed, so that exactly one implementation publishes the
 * {@code jakarta.websocket.server.ServerContainer} attribute and serves the endpoints,
 * whatever order the two initializers would have run in. An application without Ondine is
 * left as it is.
 */
public final class OndineInPlaceOfTyrus implements ServletContainerInitializerBlacklist {
    static final String ONDINE = "dev.ondine.impl.servlet.OndineServletContainerInitializer";
    static final String TYRUS = "org.glassfish.tyrus.servlet.TyrusServletContainerInitializer";

    @Override
    public void removeServletContainerInitializers(Map<Class<? extends ServletContainerInitializer>, Set<Class<?>>> initializers) {
        boolean ondine = initializers.keySet().stream().anyMatch(c -> c.getName().equals(ONDINE));
        if (ondine) {
            initializers.keySet().removeIf(c -> c.getName().equals(TYRUS));
        }
    }
}
