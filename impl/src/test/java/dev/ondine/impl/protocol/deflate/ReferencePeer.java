package dev.ondine.impl.protocol.deflate;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A permessage-deflate peer written straight on {@code java.util.zip}, with context takeover
 * and one Deflater and one Inflater for its whole life, never released: the reference
 * streams that a codec which releases and rebuilds its state must match (RFC 7692 §7.2.1,
 * §7.2.2).
 */
public final class ReferencePeer implements AutoCloseable {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    /** One message compressed as a peer with context takeover sends it: sync flush, tail removed. */
    public byte[] compress(byte[] message) {
        deflater.setInput(message);
        byte[] out = new byte[message.length + message.length / 8 + 64];
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF) {
            n -= 4;
        } else if (n == 0) {
            return new byte[] {0x00}; // nothing new since the last flush: §7.2.3.6's empty block
        }
        return Arrays.copyOf(out, n);
    }

    /** One compressed message inflated with the whole stream's window: the tail appended (§7.2.2). */
    public byte[] inflate(byte[] compressed) throws DataFormatException {
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        System.arraycopy(TAIL, 0, input, compressed.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                break;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
