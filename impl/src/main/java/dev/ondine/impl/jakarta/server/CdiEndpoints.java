package dev.ondine.impl.jakarta.server;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;

/**
 * Endpoint instances made by the application server's CDI container, so that their
 * {@code @Inject} fields and {@code @PostConstruct} methods work (Jakarta WebSocket 2.2
 * §7.1: in a Jakarta EE container, endpoints support injection). Only loaded where the CDI
 * API is present; see {@link DefaultServerConfigurator}.
 */
final class CdiEndpoints {
    private CdiEndpoints() {
    }

    /** A new injected instance, or null when no CDI container runs for this application. */
    static <T> T newInstance(Class<T> type) {
        BeanManager beans;
        try {
            beans = CDI.current().getBeanManager();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return null; // the CDI API is there, a CDI container is not
        }
        Unmanaged.UnmanagedInstance<T> instance = new Unmanaged<>(beans, type).newInstance();
        return instance.produce().inject().postConstruct().get();
    }
}
