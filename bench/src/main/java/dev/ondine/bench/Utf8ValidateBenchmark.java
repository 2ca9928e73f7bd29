package dev.ondine.bench;

import dev.ondine.impl.protocol.Utf8Validator;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * {@link Utf8Validator} against the JDK. One operation checks one whole text of {@code size}
 * bytes, so MB/s = ops/s × size / 10^6.
 *
 * <ul>
 * <li>{@code ondineArray}: {@code validate(byte[], 0, n)} (the heap-buffer path too);
 * <li>{@code ondineDirect}: {@code validate(ByteBuffer)} on a direct buffer;
 * <li>{@code jdkNewString}: {@code new String(bytes, UTF_8)}: decodes and allocates, and
 *     replaces malformed input instead of rejecting it, so it is a speed reference only;
 * <li>{@code jdkStrictDecoder}: a reused {@link CharsetDecoder} with REPORT actions decoding
 *     into a reused CharBuffer: the strict JDK way to validate, without allocation.
 * </ul>
 * Texts (valid UTF-8, built once in setup from a sample repeated and cut at a code point,
 * padded with ASCII spaces to exactly {@code size} bytes): ASCII English; LATIN_GREEK, Greek
 * and accented Latin mixed with ASCII spaces and punctuation (39% of the bytes non-ASCII);
 * CJK, Chinese and Japanese with no ASCII (3-byte sequences); EMOJI, 4-byte sequences only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Utf8ValidateBenchmark {

    public enum Text {
        ASCII("The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "),
        LATIN_GREEK("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Voix ambiguë d'un cœur qui au zéphyr préfère "
                + "les jattes de kiwis. Falsches Üben von Xylophonmusik quält jeden größeren Zwerg. "),
        CJK("天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏。いろはにほへとちりぬるをわかよたれそつねならむ。"),
        EMOJI("😀😃😄😁🚀🎉👍🌍🔥🦀🍕🎸");

        final String sample;

        Text(String sample) {
            this.sample = sample;
        }
    }

    @Param({"ASCII", "LATIN_GREEK", "CJK", "EMOJI"})
    public Text text;

    @Param({"64", "4096", "1048576"})
    public int size;

    private byte[] bytes;
    private ByteBuffer directBuf;
    private ByteBuffer heapBuf;
    private CharBuffer chars;
    private CharsetDecoder strict;
    private final Utf8Validator validator = new Utf8Validator();

    @Setup
    public void setUp() {
        bytes = build(text.sample, size);
        directBuf = Payloads.buffer(bytes, true);
        heapBuf = ByteBuffer.wrap(bytes);
        chars = CharBuffer.allocate(size);
        strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Sanity: every reference must accept the text.
        validator.reset();
        if (validator.validate(bytes, 0, size) != -1 || !validator.isComplete()) {
            throw new IllegalStateException("Utf8Validator rejects the " + text + " text");
        }
        validator.reset();
        if (validator.validate(directBuf) != -1 || !validator.isComplete()) {
            throw new IllegalStateException("Utf8Validator (direct) rejects the " + text + " text");
        }
        if (!jdkStrictDecoder().isUnderflow()) {
            throw new IllegalStateException("the strict decoder rejects the " + text + " text");
        }
    }

    /** {@code sample} repeated up to {@code size} bytes, cut at a code point, padded with spaces. */
    static byte[] build(String sample, int size) {
        byte[] out = new byte[size];
        int n = 0;
        outer:
        while (true) {
            for (int i = 0; i < sample.length(); ) {
                int cp = sample.codePointAt(i);
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                if (n + enc.length > size) {
                    break outer;
                }
                System.arraycopy(enc, 0, out, n, enc.length);
                n += enc.length;
                i += Character.charCount(cp);
            }
        }
        while (n < size) {
            out[n++] = ' ';
        }
        return out;
    }

    @Benchmark
    public boolean ondineArray() {
        validator.reset();
        return validator.validate(bytes, 0, bytes.length) == -1 && validator.isComplete();
    }

    @Benchmark
    public boolean ondineDirect() {
        validator.reset();
        return validator.validate(directBuf) == -1 && validator.isComplete();
    }

    @Benchmark
    public String jdkNewString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Benchmark
    public CoderResult jdkStrictDecoder() {
        strict.reset();
        heapBuf.clear();
        chars.clear();
        CoderResult r = strict.decode(heapBuf, chars, true);
        if (r.isUnderflow()) {
            r = strict.flush(chars);
        }
        return r;
    }
}
