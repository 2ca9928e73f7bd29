package dev.ondine.impl.jakarta.codec;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An input stream over the remaining bytes of a buffer, without copying: what a
 * {@code Decoder.BinaryStream} reads a whole binary message from. The stream reads a
 * duplicate, so the given buffer's position does not move.
 */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer bytes;

    ByteBufferInputStream(ByteBuffer bytes) {
        this.bytes = bytes.duplicate();
    }

    @Override
    public int read() {
        return bytes.hasRemaining() ? bytes.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!bytes.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, bytes.remaining());
        bytes.get(target, offset, count);
        return count;
    }

    @Override
    public long skip(long n) {
        int count = (int) Math.max(0, Math.min(n, bytes.remaining()));
        bytes.position(bytes.position() + count);
        return count;
    }

    @Override
    public int available() {
        return bytes.remaining();
    }
}
