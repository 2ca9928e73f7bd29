package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.jakarta.session.DispatchExecutors;

import java.util.concurrent.ExecutorService;

/**
 * The pool that runs the endpoint code of every client container of this class loader.
 * Containers are cheap and many (ContainerProvider makes a new one per call); their threads
 * are not. The pool starts with the first connection, not with the first container (every
 * server container is also a client container), and an application that carries Ondine in
 * its WEB-INF/lib stops it when it stops ({@link #shutdownIfStarted}), so that no thread
 * keeps its class loader alive. The selector loop the connections run on is the
 * {@link dev.ondine.impl.transport.ClientConnector}'s, shared the same way by its bootstrap.
 */
public final class ClientRuntime {
    private static volatile ClientRuntime shared;

    final ExecutorService pool;

    private ClientRuntime() {
        this.pool = DispatchExecutors.create("ondine-client-endpoint");
    }

    /**
     * Stops the shared pool if a connection ever started it; a later connection starts a new
     * one.
     */
    public static void shutdownIfStarted() {
        ClientRuntime r;
        synchronized (ClientRuntime.class) {
            r = shared;
            shared = null;
        }
        if (r != null) {
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
