package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8ValidatorTest {

    /** Hex input, index of the first bad byte (-1: none), whether it ends between code points. */
    static Stream<Arguments> cases() {
        return Stream.of(
                // valid
                Arguments.of("", -1, true),
                Arguments.of("48 65 6c 6c 6f 2c 20 57 6f 72 6c 64 21 0a 00 7f", -1, true),
                Arguments.of("c2 80 df bf", -1, true),                     // U+0080, U+07FF
                Arguments.of("e0 a0 80 e1 80 80 ec bf bf ed 9f bf ee 80 80", -1, true),
                Arguments.of("ef bf bf", -1, true),                        // U+FFFF
                Arguments.of("f0 90 80 80 f3 bf bf bf", -1, true),         // U+10000, U+FFFFF
                Arguments.of("f4 8f bf bf", -1, true),                     // U+10FFFF
                Arguments.of("ce ba e1 bd b9 cf 83 ce bc ce b5", -1, true),  // κόσμε
                Arguments.of("61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 f0 9f 98 80", -1, true),
                // incomplete at the end: valid so far, not complete
                Arguments.of("c3", -1, false),
                Arguments.of("e2 82", -1, false),
                Arguments.of("f0 9f 98", -1, false),
                Arguments.of("41 42 43 44 45 46 47 48 49 f4 8f", -1, false),
                // overlong forms
                Arguments.of("c0 80", 0, false),
                Arguments.of("41 c1 bf", 1, false),
                Arguments.of("e0 80 80", 1, false),
                Arguments.of("e0 9f bf", 1, false),
                Arguments.of("f0 80 80 80", 1, false),
                Arguments.of("f0 8f bf bf", 1, false),
                // surrogates
                Arguments.of("ed a0 80", 1, false),
                Arguments.of("ed bf bf", 1, false),
                Arguments.of("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", 12, false),
                // above U+10FFFF
                Arguments.of("f4 90 80 80", 1, false),
                Arguments.of("f5 80 80 80", 0, false),
                Arguments.of("f7 bf bf bf", 0, false),
                Arguments.of("fe", 0, false),
                Arguments.of("ff", 0, false),
                // stray continuation bytes
                Arguments.of("80", 0, false),
                Arguments.of("41 bf", 1, false),
                Arguments.of("c3 a9 a9", 2, false),
                Arguments.of("61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 80", 17, false),
                // truncated sequences followed by a non-continuation
                Arguments.of("c3 41", 1, false),
                Arguments.of("e2 82 41", 2, false),
                Arguments.of("f0 9f 98 41", 3, false),
                Arguments.of("e2 c3 a9", 1, false),
                Arguments.of("f4 8f bf", -1, false));
    }

    static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void wholeArray(String hex, int bad, boolean complete) {
        byte[] a = hex(hex);
        Utf8Validator v = new Utf8Validator();
        assertEquals(bad, v.validate(a, 0, a.length));
        assertEquals(complete, v.isComplete());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everySplitIntoTwoChunks(String hex, int bad, boolean complete) {
        byte[] a = hex(hex);
        for (int k = 0; k <= a.length; k++) {
            Utf8Validator v = new Utf8Validator();
            int r = v.validate(a, 0, k);
            if (r < 0) {
                r = v.validate(a, k, a.length);
            }
            assertEquals(bad, r, "split at " + k);
            assertEquals(complete, v.isComplete(), "split at " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void byteByByte(String hex, int bad, boolean complete) {
        byte[] a = hex(hex);
        Utf8Validator v = new Utf8Validator();
        int r = -1;
        for (int i = 0; i < a.length && r < 0; i++) {
            r = v.validate(a, i, i + 1);
        }
        assertEquals(bad, r);
        assertEquals(complete, v.isComplete());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void buffersDoNotMoveAndReportAbsoluteIndexes(String hex, int bad, boolean complete) {
        byte[] a = hex(hex);
        int pad = 5;
        // heap buffer with a non-zero position and array offset; direct buffer
        byte[] padded = new byte[a.length + 2 * pad];
        System.arraycopy(a, 0, padded, 2 * pad, a.length);
        ByteBuffer heap = ByteBuffer.wrap(padded, pad, a.length + pad).slice();
        heap.position(pad);
        ByteBuffer direct = ByteBuffer.allocateDirect(a.length + pad);
        direct.position(pad);
        direct.put(a).position(pad);
        for (ByteBuffer buf : new ByteBuffer[] {heap, direct}) {
            for (int k = pad; k <= pad + a.length; k++) {
                Utf8Validator v = new Utf8Validator();
                ByteBuffer first = buf.duplicate().limit(k);
                int r = v.validate(first);
                assertEquals(pad, first.position());
                if (r < 0) {
                    ByteBuffer second = buf.duplicate().position(k);
                    r = v.validate(second);
                    assertEquals(k, second.position());
                }
                assertEquals(bad < 0 ? -1 : bad + pad, r, "split at " + k + (buf.isDirect() ? " direct" : " heap"));
                assertEquals(complete, v.isComplete());
            }
        }
    }

    @Test
    void rejectionIsStickyUntilReset() {
        Utf8Validator v = new Utf8Validator();
        byte[] bad = hex("ff");
        byte[] good = hex("41 42");
        assertEquals(0, v.validate(bad, 0, 1));
        assertEquals(0, v.validate(good, 0, 2));
        assertFalse(v.isComplete());
        v.reset();
        assertEquals(-1, v.validate(good, 0, 2));
        assertTrue(v.isComplete());
    }

    @Test
    void resetForgetsAnOpenSequence() {
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.validate(hex("e2 82"), 0, 2));
        v.reset();
        assertTrue(v.isComplete());
        assertEquals(0, v.validate(hex("ac"), 0, 1));
    }

    @Test
    void agreesWithTheJdkAndAReferenceOnRandomInput() throws Exception {
        Random rnd = new Random(6455);
        for (int n = 0; n < 5000; n++) {
            byte[] a = randomInput(rnd);
            boolean jdkValid = jdkAccepts(a);
            int expectedBad = referenceFirstBad(a);

            Utf8Validator v = new Utf8Validator();
            int bad = v.validate(a, 0, a.length);
            boolean valid = bad < 0 && v.isComplete();
            assertEquals(jdkValid, valid, () -> "verdict differs from the JDK for " + toHex(a));
            assertEquals(expectedBad, bad, () -> "index differs from the reference for " + toHex(a));

            int k = a.length == 0 ? 0 : rnd.nextInt(a.length + 1);
            Utf8Validator w = new Utf8Validator();
            int r = w.validate(ByteBuffer.wrap(a, 0, k));
            if (r < 0) {
                r = w.validate(ByteBuffer.wrap(a, k, a.length - k));
            }
            assertEquals(expectedBad, r, () -> "split verdict differs for " + toHex(a));
            assertEquals(valid, r < 0 && w.isComplete());
        }
    }

    /** Mostly well-formed text with some random and mutated bytes, biased to multi-byte forms. */
    private static byte[] randomInput(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = rnd.nextInt(12);
        for (int p = 0; p < parts; p++) {
            int kind = rnd.nextInt(10);
            if (kind < 2) {
                int run = rnd.nextInt(20);
                for (int i = 0; i < run; i++) {
                    out.write(0x20 + rnd.nextInt(0x5F));
                }
            } else if (kind < 7) {
                int cp;
                switch (rnd.nextInt(4)) {
                    case 0: cp = 0x80 + rnd.nextInt(0x780); break;
                    case 1: cp = 0x800 + rnd.nextInt(0xF800); break;
                    case 2: cp = 0x10000 + rnd.nextInt(0x100000); break;
                    default: cp = rnd.nextBoolean() ? 0xD7FF + rnd.nextInt(3) : 0x10FFFE + rnd.nextInt(2); break;
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
            } else if (kind < 9) {
                // lead bytes and the edges of Table 3-7, in random order
                int[] interesting = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
                out.write(interesting[rnd.nextInt(interesting.length)]);
            } else {
                out.write(rnd.nextInt(256));
            }
        }
        byte[] a = out.toByteArray();
        if (a.length > 0 && rnd.nextInt(4) == 0) {
            a = java.util.Arrays.copyOf(a, rnd.nextInt(a.length)); // truncate
        }
        return a;
    }

    private static boolean jdkAccepts(byte[] a) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(a));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Table 3-7 read literally, one code point at a time: index of the first bad byte or -1. */
    private static int referenceFirstBad(byte[] a) {
        int i = 0;
        while (i < a.length) {
            int b = a[i] & 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b <= 0x7F) {
                i++;
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b == 0xE0) {
                need = 2;
                lo = 0xA0;
            } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
                need = 2;
            } else if (b == 0xED) {
                need = 2;
                hi = 0x9F;
            } else if (b == 0xF0) {
                need = 3;
                lo = 0x90;
            } else if (b >= 0xF1 && b <= 0xF3) {
                need = 3;
            } else if (b == 0xF4) {
                need = 3;
                hi = 0x8F;
            } else {
                return i;
            }
            for (int k = 1; k <= need; k++) {
                if (i + k >= a.length) {
                    return -1;
                }
                int c = a[i + k] & 0xFF;
                if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
                    return i + k;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    private static String toHex(byte[] a) {
        StringBuilder sb = new StringBuilder();
        for (byte b : a) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }
}
