package dev.ondine.bench.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/** What every Jakarta server of the load tests deploys, with the same container defaults. */
public final class BenchEndpoints {
    /** 1 MiB: the largest message any scenario sends is 64 KiB. */
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Idle sessions must outlive the idle scenario (Jetty's default is 30 s). */
    public static final long IDLE_TIMEOUT_MILLIS = 10 * 60 * 1000L;

    public static final Class<?>[] ENDPOINTS = {EchoEndpoint.class, BroadcastEndpoint.class};

    private BenchEndpoints() {
    }

    /** The container defaults every server gets through the standard API. */
    public static void applyDefaults(ServerContainer container) {
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setDefaultMaxSessionIdleTimeout(IDLE_TIMEOUT_MILLIS);
    }

    /** {@link #applyDefaults} then both endpoints. */
    public static void deploy(ServerContainer container) throws DeploymentException {
        applyDefaults(container);
        for (Class<?> endpoint : ENDPOINTS) {
            container.addEndpoint(endpoint);
        }
    }
}
