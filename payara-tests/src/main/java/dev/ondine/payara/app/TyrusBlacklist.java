package dev.ondine.payara.app;

import fish.payara.web.loader.ServletContainerInitializerBlacklist;
import jakarta.servlet.ServletContainerInitializer;

import java.util.Map;
import java.util.Set;

/**
 * Payara's hook (found with ServiceLoader while it collects a web application's
 * ServletContainerInitializers): removes Tyrus's, so that Ondine's initializer is the one
 * that publishes the ServerContainer and serves the endpoints.
 */
public class TyrusBlacklist implements ServletContainerInitializerBlacklist {
    static final String TYRUS = "org.glassfish.tyrus.servlet.TyrusServletContainerInitializer";

    @Override
    public void removeServletContainerInitializers(Map<Class<? extends ServletContainerInitializer>, Set<Class<?>>> initializers) {
        initializers.keySet().removeIf(c -> c.getName().equals(TYRUS));
    }
}
