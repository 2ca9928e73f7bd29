package dev.ondine.bench;

import dev.ondine.impl.protocol.FrameWriter;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;

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
 * {@link FrameWriter}: one benchmark operation encodes one BINARY frame (FIN set) of
 * {@code payloadSize} bytes from a heap payload buffer, so ops/s = frames/s and payload
 * MB/s = ops/s × payloadSize / 10^6. Everything each call allocates is inside the
 * measurement (that is part of the codec's cost); building the payload is not.
 *
 * <ul>
 * <li>{@code serverWriteHeader}: header only, into a reused buffer (no allocation);
 * <li>{@code serverEncode}: {header, duplicate of payload} for a gathering write (no copy);
 * <li>{@code serverEncodeToSingleBuffer}: header + copied payload in one new buffer;
 * <li>{@code clientEncode}: header with a fresh key + masked copy of the payload;
 * <li>{@code clientEncodeToSingleBuffer}: the same in one new buffer.
 * </ul>
 * Client keys come from the production {@link MaskKeySource} (SecureRandom, refilled every
 * 256 keys), so the cost of key generation is included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameWriteBenchmark {

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    private ByteBuffer payload;
    private ByteBuffer header;
    private FrameWriter server;
    private FrameWriter client;

    @Setup
    public void setUp() {
        payload = Payloads.buffer(Payloads.randomBytes(payloadSize), false);
        header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_BYTES);
        server = new FrameWriter(Role.SERVER, null);
        client = new FrameWriter(Role.CLIENT, new MaskKeySource());
    }

    @Benchmark
    public ByteBuffer serverWriteHeader() {
        header.clear();
        server.writeHeader(header, true, 0, Opcode.BINARY, payload.remaining());
        return header;
    }

    @Benchmark
    public ByteBuffer[] serverEncode() {
        return server.encode(true, 0, Opcode.BINARY, payload);
    }

    @Benchmark
    public ByteBuffer serverEncodeToSingleBuffer() {
        return server.encodeToSingleBuffer(true, 0, Opcode.BINARY, payload);
    }

    @Benchmark
    public ByteBuffer[] clientEncode() {
        return client.encode(true, 0, Opcode.BINARY, payload);
    }

    @Benchmark
    public ByteBuffer clientEncodeToSingleBuffer() {
        return client.encodeToSingleBuffer(true, 0, Opcode.BINARY, payload);
    }
}
