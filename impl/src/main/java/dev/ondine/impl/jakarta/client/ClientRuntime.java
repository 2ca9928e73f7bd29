package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.transport.nio.NioClient;

import java.util.concurrent.ExecutorService;

/**
 * The threads every client container of this class loader shares: one NIO selector loop
 * (daemon) and the pool that runs endpoint code. Containers are cheap and many
 * (ContainerProvider makes a new one per call); their threads are not.
 */
final class ClientRuntime {
    private static volatile ClientRuntime shared;

    final NioClient nio;
    final ExecutorService pool;

    private ClientRuntime() {
        this.nio = new NioClient(1);
        this.pool = DispatchExecutors.create("ondine-client-endpoint");
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
