package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.transport.nio.NioClient;

import java.util.concurrent.ExecutorService;

/**
 * The threads every client container of this class loader shares: one NIO selector loop
 * (daemon) and the pool that runs endpoint code. Containers are cheap and many
 * (ContainerProvider makes a new one per call); their threads are not. They start with the
 * first connection, not with the first container (every server container is also a client
 * container), and an application that carries Ondine in its WEB-INF/lib stops them when it
 * stops ({@link #shutdownIfStarted}), so that no thread keeps its class loader alive.
 */
public final class ClientRuntime {
    private static volatile ClientRuntime shared;

    final NioClient nio;
    final ExecutorService pool;

    private ClientRuntime() {
        this.nio = new NioClient(1);
        this.pool = DispatchExecutors.create("ondine-client-endpoint");
    }

    /**
     * Stops the shared threads if a connection ever started them; a later connection starts
     * new ones. Connections still open are cut (their sessions end with 1006).
     */
    public static void shutdownIfStarted() {
        ClientRuntime r;
        synchronized (ClientRuntime.class) {
            r = shared;
            shared = null;
        }
        if (r != null) {
            r.nio.close();
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
