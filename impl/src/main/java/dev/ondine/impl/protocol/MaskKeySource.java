package dev.ondine.impl.protocol;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Makes the masking keys a client puts on every frame it sends (RFC 6455 §5.3). The RFC
 * requires each key to be freshly and unpredictably chosen from a strong source of entropy
 * (§5.3, §10.3) so that a hostile page cannot steer the bytes an intermediary sees.
 *
 * <p>Random bytes are drawn from the source {@value #BATCH_BYTES} at a time and handed out
 * four per key, so the cost of the strong generator is paid once per 256 frames.
 *
 * <p>Thread-safe: one instance may be shared by all client connections of a container.
 * {@link #nextKey()} is synchronized; contention is brief because refills are rare.
 */
public final class MaskKeySource {

    static final int BATCH_BYTES = 1024;

    private final Random random;
    private final byte[] batch = new byte[BATCH_BYTES];
    private int next = BATCH_BYTES;

    /** A source backed by a new {@link SecureRandom}. */
    public MaskKeySource() {
        this(new SecureRandom());
    }

    /**
     * A source backed by the given generator. Production code passes a {@link SecureRandom}
     * (§10.3); tests may pass a seeded {@link Random} to get reproducible keys.
     */
    public MaskKeySource(Random random) {
        if (random == null) {
            throw new NullPointerException("random");
        }
        this.random = random;
    }

    /** A new masking key, big-endian: the most significant byte goes first on the wire. */
    public synchronized int nextKey() {
        if (next == BATCH_BYTES) {
            random.nextBytes(batch);
            next = 0;
        }
        int key = (batch[next] & 0xFF) << 24
                | (batch[next + 1] & 0xFF) << 16
                | (batch[next + 2] & 0xFF) << 8
                | (batch[next + 3] & 0xFF);
        next += 4;
        return key;
    }
}
