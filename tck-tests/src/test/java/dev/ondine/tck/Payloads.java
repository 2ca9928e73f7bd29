package dev.ondine.tck;

import java.util.Random;

/** Test messages of a given size: text of ASCII letters, bytes from a seeded generator. */
final class Payloads {
    private Payloads() {
    }

    static String text(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The bytes of all the arrays, one after the other. */
    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part, 0, part.length);
        }
        return all.toByteArray();
    }
}
