package dev.ondine.api.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The applications of this class loader that are running now: a standalone server from its
 * start to its stop, a web application from its deployment to its undeployment. A binder
 * that cannot reach its server or servlet context finds them here.
 */
public final class OndineMetrics {
    private static final List<ApplicationMetrics> LIVE = new CopyOnWriteArrayList<>();

    private OndineMetrics() {
    }

    /** The live applications, in the order they started (a snapshot). */
    public static List<ApplicationMetrics> applications() {
        return List.copyOf(LIVE);
    }

    /**
     * Lists {@code application} until the returned registration is closed; for Ondine's
     * bootstraps (a server or web application that starts).
     */
    public static Registration register(ApplicationMetrics application) {
        LIVE.add(application);
        return () -> LIVE.remove(application);
    }

    /** An application's place in the list, given up by {@link #close()} (idempotent). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
