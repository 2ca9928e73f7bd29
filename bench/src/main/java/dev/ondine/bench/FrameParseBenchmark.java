package dev.ondine.bench;

import dev.ondine.impl.protocol.FrameParser;
import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Server-role {@link FrameParser}: masked client BINARY frames (FIN set) are parsed and
 * unmasked in place, and the payload slices go to a {@link BlackholeFrameHandler}.
 *
 * <p><b>Unit of work.</b> One benchmark operation parses one input buffer. For payloads
 * below 64 KiB the buffer holds {@code 65536 / payloadSize} frames back to back (16 B: 4096
 * frames, 125 B: 524, 1 KiB: 64), so one op is ~64 KiB of payload; for 64 KiB and 1 MiB it
 * holds one frame. Because the frames per op differ with the size, the primary score (ops/s)
 * is not comparable across sizes: read the {@code frames} and {@code payloadBytes} secondary
 * scores instead ({@link AuxCounters}, normalised to per second like the primary score).
 * {@code payloadBytes} counts payload only; the wire also carries 6 (≤125 B), 8 (≤64 KiB)
 * or 14 header bytes per frame.
 *
 * <p><b>What is measured, and the in-place unmasking.</b> The parser XORs payload bytes in
 * place and never writes header bytes. Parsing the same buffer again therefore does exactly
 * the same work (it re-masks what the previous call unmasked; the parser does not look at
 * payload contents), so {@link #parse} only rewinds the buffer ({@code clear()}, a few field
 * writes) before each call: nothing but parsing is inside the measurement. {@link
 * #parseAfterRestore} is the textbook alternative, a bulk {@code put} of the pristine bytes
 * before each parse; it measures copy + parse and shows what a restore would add.
 *
 * <p>{@code direct=true} parses from a direct buffer, as the NIO transport does (its read
 * buffer is direct); {@code false} from a heap buffer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameParseBenchmark {

    private static final int BATCH_PAYLOAD_BYTES = 64 * 1024;

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    @Param({"false", "true"})
    public boolean direct;

    private byte[] pristine;
    private ByteBuffer input;
    private FrameParser parser;
    private int framesPerOp;

    /** Per-second rates of frames and payload bytes parsed, reported next to ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long frames;
        public long payloadBytes;

        @Setup(Level.Iteration)
        public void clear() {
            frames = 0;
            payloadBytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) throws ProtocolException {
        framesPerOp = Math.max(1, BATCH_PAYLOAD_BYTES / payloadSize);
        byte[] payload = Payloads.randomBytes(payloadSize);
        // Client frames, masked with keys from a seeded generator: reproducible input.
        FrameWriter client = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(42)));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int f = 0; f < framesPerOp; f++) {
            ByteBuffer frame = client.encodeToSingleBuffer(true, 0, Opcode.BINARY, ByteBuffer.wrap(payload));
            wire.write(frame.array(), frame.arrayOffset(), frame.remaining());
        }
        pristine = wire.toByteArray();
        input = Payloads.buffer(pristine, direct);

        // Sanity check (not measured): the first parse yields the plaintext, frame by frame.
        CheckingHandler check = new CheckingHandler(payload);
        new FrameParser(Role.SERVER, check, Long.MAX_VALUE).parse(input);
        if (check.frames != framesPerOp || check.mismatches != 0) {
            throw new IllegalStateException("parsed " + check.frames + " frames, " + check.mismatches + " bad");
        }
        input.clear().put(pristine).flip();

        parser = new FrameParser(Role.SERVER, new BlackholeFrameHandler(bh), Long.MAX_VALUE);
    }

    /** Parse only: rewind, parse the whole buffer (see the class comment). */
    @Benchmark
    public void parse(Throughput t) throws ProtocolException {
        input.clear();
        parser.parse(input);
        t.frames += framesPerOp;
        t.payloadBytes += (long) framesPerOp * payloadSize;
    }

    /** Bulk restore of the pristine (masked) bytes, then parse: copy + parse. */
    @Benchmark
    public void parseAfterRestore(Throughput t) throws ProtocolException {
        input.clear();
        input.put(pristine);
        input.flip();
        parser.parse(input);
        t.frames += framesPerOp;
        t.payloadBytes += (long) framesPerOp * payloadSize;
    }

    /** Checks the unmasked payload against the plaintext; used once, in setup. */
    private static final class CheckingHandler implements dev.ondine.impl.protocol.FrameHandler {
        private final byte[] expected;
        private final byte[] seen;
        private int seenBytes;
        int frames;
        int mismatches;

        CheckingHandler(byte[] expected) {
            this.expected = expected;
            this.seen = new byte[expected.length];
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            seenBytes = 0;
        }

        @Override
        public void onDataPayload(ByteBuffer chunk) {
            int n = chunk.remaining();
            chunk.get(seen, seenBytes, n);
            seenBytes += n;
        }

        @Override
        public void onDataFrameEnd() {
            frames++;
            if (seenBytes != expected.length || !Arrays.equals(seen, expected)) {
                mismatches++;
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            mismatches++;
        }
    }
}
