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
}
