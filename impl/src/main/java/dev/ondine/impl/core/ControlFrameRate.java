package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.ProtocolException;

/**
 * A ping flood costs this side a pong each: past {@code maxPerSecond} ping and pong frames in
 * one second the connection is failed with 1008, policy violation (RFC 6455 §7.4.1). Used
 * by the reading thread only.
 */
final class ControlFrameRate {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int maxPerSecond;
    private long windowStartNanos;
    private int inWindow;

    ControlFrameRate(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    /** Counts one ping or pong read at {@code nowNanos}; throws past the limit. */
    void count(long nowNanos) throws ProtocolException {
        if (nowNanos - windowStartNanos >= SECOND_NANOS) {
            windowStartNanos = nowNanos;
            inWindow = 0;
        }
        if (++inWindow > maxPerSecond) {
            throw new ProtocolException(CloseCodes.POLICY_VIOLATION,
                    "More than " + maxPerSecond + " ping and pong frames in one second");
        }
    }
}
