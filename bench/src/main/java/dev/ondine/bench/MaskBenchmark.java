package dev.ondine.bench;

import dev.ondine.impl.protocol.Masker;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Masker#mask}: one operation XORs all {@code size} bytes of a buffer in place, so
 * MB/s = ops/s × size / 10^6. Masking is its own inverse, so repeating it on the same
 * buffer does the same work each time; nothing is restored. {@link #bytewise} is the naive
 * baseline (one byte per step through the same ByteBuffer absolute get/put) that the
 * 8-bytes-at-a-time loop of {@code Masker} is meant to beat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MaskBenchmark {

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int size;

    @Param({"false", "true"})
    public boolean direct;

    private ByteBuffer buf;

    @Setup
    public void setUp() {
        buf = Payloads.buffer(Payloads.randomBytes(size), direct);
    }

    @Benchmark
    public ByteBuffer masker() {
        Masker.mask(buf, 0, size, Payloads.MASK_KEY, 0);
        return buf;
    }

    @Benchmark
    public ByteBuffer bytewise() {
        maskBytewise(buf, 0, size, Payloads.MASK_KEY);
        return buf;
    }

    /** The textbook loop of RFC 6455 §5.3: byte i XOR key byte (i mod 4). */
    static void maskBytewise(ByteBuffer buf, int from, int to, int maskKey) {
        for (int i = from; i < to; i++) {
            int shift = 24 - ((i - from) & 3) * 8;
            buf.put(i, (byte) (buf.get(i) ^ (maskKey >>> shift)));
        }
    }
}
