package dev.ondine.impl.protocol.deflate;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;

/** Bytes for permessage-deflate tests. */
public final class DeflateTestData {
    private DeflateTestData() {
    }

    /** Bytes written as hexadecimal pairs, spaces allowed. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /**
     * A deflate bomb: {@code zeros} zero bytes deflated (raw, best compression, ended with a
     * sync flush as a permessage-deflate sender would), about a thousandth of their size.
     */
    public static byte[] bomb(int zeros) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(new byte[zeros]);
        byte[] buf = new byte[zeros / 500 + 1024];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /**
     * {@code data} deflated (raw, sync flush, tail removed) by a compressor whose every
     * back-reference stays within {@code 2^bits} bytes, as a peer with a smaller LZ77 window
     * sends (RFC 7692 §7.1.2): it compresses half a window at a time, each time afresh with
     * the half window before as its dictionary.
     */
    public static byte[] deflateWithWindow(byte[] data, int bits) {
        int half = 1 << (bits - 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int from = 0; from < data.length; from += half) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (from > 0) {
                d.setDictionary(data, Math.max(0, from - half), Math.min(half, from));
            }
            out.writeBytes(syncFlushed(d, Arrays.copyOfRange(data, from, Math.min(data.length, from + half))));
            d.end();
        }
        return withoutTail(out.toByteArray());
    }

    /** {@code data} deflated (raw, sync flush, tail removed) starting from a preset dictionary. */
    public static byte[] deflateWithDictionary(byte[] dictionary, byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setDictionary(dictionary);
        byte[] out = withoutTail(syncFlushed(d, data));
        d.end();
        return out;
    }

    private static byte[] syncFlushed(Deflater d, byte[] data) {
        d.setInput(data);
        byte[] buf = new byte[data.length + data.length / 8 + 64];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buf, n);
    }

    private static byte[] withoutTail(byte[] b) {
        int n = b.length;
        boolean tail = n >= 4 && b[n - 4] == 0 && b[n - 3] == 0 && b[n - 2] == (byte) 0xFF && b[n - 1] == (byte) 0xFF;
        return tail ? Arrays.copyOf(b, n - 4) : b;
    }
}
