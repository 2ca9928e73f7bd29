package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.jakarta.session.DispatchExecutors;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The threads of every client container of this class loader: the pool that runs endpoint
 * code (and prepares connection attempts), and one timer thread for connect timeouts and
 * reconnect delays, whose tasks only hand work over to the pool. Containers are cheap and
 * many (ContainerProvider makes a new one per call); their threads are not. They start with
 * the first connection, not with the first container (every server container is also a
 * client container), and an application that carries Ondine in its WEB-INF/lib stops them
 * when it stops ({@link #shutdownIfStarted}), so that no thread keeps its class loader alive.
 * The selector loop the connections run on is the
 * {@link dev.ondine.impl.transport.ClientConnector}'s, shared the same way by its bootstrap.
 */
public final class ClientRuntime {
    private static volatile ClientRuntime shared;

    final ExecutorService pool;
    final ScheduledThreadPoolExecutor timers;

    private ClientRuntime() {
        this.pool = DispatchExecutors.create("ondine-client-endpoint");
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ondine-client-timer");
            t.setDaemon(true);
            t.setContextClassLoader(null); // never keeps an application's loader
            return t;
        });
        this.timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * Stops the shared threads if a connection ever started them; a later connection starts
     * new ones.
     */
    public static void shutdownIfStarted() {
        ClientRuntime r;
        synchronized (ClientRuntime.class) {
            r = shared;
            shared = null;
        }
        if (r != null) {
            r.timers.shutdownNow();
            r.pool.shutdownNow();
        }
    }

    static ClientRuntime get() {
        ClientRuntime r = shared;
        if (r == null) {
            synchronized (ClientRuntime.class) {
                r = shared;
                if (r == null) {
                    r = new ClientRuntime();
                    shared = r;
                }
            }
        }
        return r;
    }
}
