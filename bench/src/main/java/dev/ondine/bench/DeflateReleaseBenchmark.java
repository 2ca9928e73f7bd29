package dev.ondine.bench;

import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost per message of giving zlib back after each message and rebuilding it from the
 * kept history ({@code PerMessageDeflate.releaseIdle}, the preset dictionary) against
 * keeping it, with context takeover: {@code *Kept} compress (or inflate) one message with a
 * codec that is never released; {@code *Released} do the same and release right after, so
 * every operation pays a rebuild with a full history (16 KiB sent, 32 KiB received, after
 * the warm-up's first messages). JSON-like text; inflated messages were each compressed
 * alone, so they are valid whatever the history holds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DeflateReleaseBenchmark {

    @Param({"64", "1024", "16384"})
    public int size;

    private ByteBuffer message;
    private ByteBuffer compressed;
    private PerMessageDeflate codec;
    private final PerMessageDeflate.Sink sink = chunk -> chunk.position(chunk.limit());

    @Setup(Level.Trial)
    public void setUp() {
        byte[] text = jsonLike(size, new Random(1));
        message = ByteBuffer.wrap(text);
        Deflater alone = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        alone.setInput(text);
        byte[] out = new byte[size * 2 + 64];
        int n = alone.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        alone.end();
        compressed = ByteBuffer.wrap(Arrays.copyOf(out, n - 4)); // tail removed (RFC 7692 §7.2.1)
        codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        // Fill both histories: a rebuild then always presets a full dictionary.
        byte[] filler = jsonLike(40_000, new Random(2));
        codec.compress(ByteBuffer.wrap(filler), true);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(filler);
        byte[] f = new byte[60_000];
        int fn = d.deflate(f, 0, f.length, Deflater.SYNC_FLUSH);
        d.end();
        try {
            codec.decompress(ByteBuffer.wrap(f, 0, fn - 4), sink);
            codec.endMessage(sink);
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        codec.end();
    }

    static byte[] jsonLike(int length, Random random) {
        String[] keys = {"\"user\":", "\"room\":", "\"text\":", "\"ts\":", "\"id\":"};
        String[] words = {"\"alice\"", "\"general\"", "\"hello there\"", "\"bob\"", "\"on my way\""};
        StringBuilder sb = new StringBuilder(length + 32).append('{');
        while (sb.length() < length) {
            sb.append(keys[random.nextInt(keys.length)]);
            sb.append(random.nextBoolean() ? words[random.nextInt(words.length)] : Integer.toString(random.nextInt(1 << 20)));
            sb.append(',');
        }
        return sb.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public ByteBuffer compressKept() {
        return codec.compress(message, true);
    }

    @Benchmark
    public ByteBuffer compressReleased() {
        ByteBuffer out = codec.compress(message, true);
        codec.releaseIdle();
        return out;
    }

    @Benchmark
    public void inflateKept() throws ProtocolException {
        codec.decompress(compressed.duplicate(), sink);
        codec.endMessage(sink);
    }

    @Benchmark
    public void inflateReleased() throws ProtocolException {
        codec.decompress(compressed.duplicate(), sink);
        codec.endMessage(sink);
        codec.releaseIdle();
    }
}
