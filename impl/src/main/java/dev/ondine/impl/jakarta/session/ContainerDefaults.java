package dev.ondine.impl.jakarta.session;

import dev.ondine.api.Limits;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;

import java.util.Map;
import java.util.Set;

/**
 * What every Ondine container, server or client, keeps for the sessions it opens
 * (Jakarta WebSocket 2.2 {@code WebSocketContainer}): their default idle timeout, message
 * buffer sizes and asynchronous send timeout, starting from the engine's {@link Limits},
 * and the extensions installed (permessage-deflate unless turned off).
 */
public abstract class ContainerDefaults implements WebSocketContainer {
    protected final Limits limits;
    private volatile long defaultIdleTimeoutMillis;
    private volatile int defaultMaxTextBytes;
    private volatile int defaultMaxBinaryBytes;
    private volatile long defaultAsyncSendTimeoutMillis;

    protected ContainerDefaults(Limits limits) {
        this.limits = limits;
        this.defaultIdleTimeoutMillis = limits.idleTimeoutMillis();
        this.defaultMaxTextBytes = limits.maxTextMessageBytes();
        this.defaultMaxBinaryBytes = limits.maxBinaryMessageBytes();
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaultAsyncSendTimeoutMillis;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        this.defaultAsyncSendTimeoutMillis = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaultIdleTimeoutMillis;
    }

    /** Zero or negative: no timeout. */
    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.defaultIdleTimeoutMillis = Math.max(0, timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaultMaxBinaryBytes;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        this.defaultMaxBinaryBytes = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextBytes;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.defaultMaxTextBytes = max;
    }

    /**
     * The limits a session opened now starts with: this container's current defaults, and
     * the engine's bound on received bytes waiting for the endpoint.
     */
    public SessionContext.InitialLimits sessionLimits() {
        return sessionLimits(limits);
    }

    /**
     * {@link #sessionLimits()} for a session whose engine limits are {@code endpointLimits}
     * (the container's, with its endpoint's settings: {@link #endpointLimits}).
     */
    public SessionContext.InitialLimits sessionLimits(Limits endpointLimits) {
        return new SessionContext.InitialLimits(getDefaultMaxSessionIdleTimeout(), getDefaultMaxTextMessageBufferSize(),
                getDefaultMaxBinaryMessageBufferSize(), getDefaultAsyncSendTimeout(),
                endpointLimits.maxIncomingBacklogBytes(), endpointLimits.blockingSendTimeoutMillis());
    }

    /**
     * {@code limits} with what {@code config}'s user properties set of the per-endpoint keys
     * ({@link Limits#PING_INTERVAL}, {@link Limits#PONG_TIMEOUT},
     * {@link Limits#BLOCKING_SEND_TIMEOUT}, {@link Limits#SLOW_CONSUMER_CLOSE}; numbers, or
     * strings of digits). A value that is not a valid number is an {@link IllegalArgumentException}
     * naming the key.
     */
    public static Limits endpointLimits(Limits limits, EndpointConfig config) {
        Map<String, Object> properties = config.getUserProperties();
        if (properties == null || properties.isEmpty()) {
            return limits;
        }
        return limits.withEndpointSettings(key -> {
            Object value = properties.get(key);
            return value == null ? null : String.valueOf(value);
        });
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return NegotiatedExtension.installed(limits);
    }
}
