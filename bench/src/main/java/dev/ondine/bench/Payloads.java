package dev.ondine.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Deterministic test data shared by the benchmarks (built during setup, never measured). */
final class Payloads {

    /** Fixed seed: every run and every fork sees the same bytes. */
    private static final long SEED = 0x0DD1E5EEDL;

    /** A fixed, arbitrary masking key (the key value does not change the cost of masking). */
    static final int MASK_KEY = 0x37FA213D;

    private Payloads() {
    }

    static byte[] randomBytes(int size) {
        byte[] a = new byte[size];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < size; i++) {
            a[i] = (byte) random.nextInt(256);
        }
        return a;
    }

    /** A buffer holding {@code bytes}, position 0, limit = length; heap or direct. */
    static ByteBuffer buffer(byte[] bytes, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        b.put(bytes).flip();
        return b;
    }
}
