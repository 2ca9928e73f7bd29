package dev.ondine.impl.jakarta.server;

import dev.ondine.api.OriginPolicy;

/**
 * What the container default configurator needs to know about the handshake it is being
 * asked about but the Jakarta API does not pass it: the request's {@code Host} and the
 * container's origin policy. Set by {@link ServerUpgradeAcceptor} around its configurator
 * calls, on the thread that makes them.
 */
final class HandshakeInProgress {
    private static final ThreadLocal<HandshakeInProgress> CURRENT = new ThreadLocal<>();

    final String host;
    final OriginPolicy policy;

    private HandshakeInProgress(String host, OriginPolicy policy) {
        this.host = host;
        this.policy = policy;
    }

    static void begin(String host, OriginPolicy policy) {
        CURRENT.set(new HandshakeInProgress(host, policy));
    }

    static void end() {
        CURRENT.remove();
    }

    /** The handshake being decided on this thread, or null. */
    static HandshakeInProgress current() {
        return CURRENT.get();
    }
}
