package dev.ondine.impl.client;

import dev.ondine.api.Limits;
import dev.ondine.impl.jakarta.client.ClientRuntime;
import dev.ondine.impl.jakarta.client.OndineClientContainer;

/**
 * Ondine's client containers as every bootstrap makes them: an {@link OndineClientContainer}
 * over the shared NIO client ({@link NioClientConnector}). {@link OndineContainerProvider},
 * the standalone server and the servlet bootstrap make theirs here; so may tests and tools
 * that want Ondine's client whatever else is on the class path.
 */
public final class OndineClients {

    private OndineClients() {
    }

    /** A client container with the limits of the {@code ondine.*} system properties. */
    public static OndineClientContainer newContainer() {
        return newContainer(Limits.fromSystemProperties());
    }

    /** A client container whose connections run under {@code limits}. */
    public static OndineClientContainer newContainer(Limits limits) {
        return new OndineClientContainer(limits, NioClientConnector.SHARED);
    }

    /**
     * Stops the client threads every container of this class loader shares (the selector loop
     * and the endpoint pool) if a connection ever started them; a later connection starts new
     * ones. Connections still open are cut (their sessions end with 1006). An application that
     * carries Ondine in its {@code WEB-INF/lib} calls this when it stops, so that no thread
     * keeps its class loader alive.
     */
    public static void shutdownIfStarted() {
        NioClientConnector.SHARED.shutdownIfStarted();
        ClientRuntime.shutdownIfStarted();
    }
}
