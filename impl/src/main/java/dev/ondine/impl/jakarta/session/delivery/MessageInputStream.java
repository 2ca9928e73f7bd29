package dev.ondine.impl.jakarta.session.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** A binary message read as it arrives, for {@code MessageHandler.Whole<InputStream>}. */
final class MessageInputStream extends InputStream {
    private final PieceQueue<ByteBuffer> pieces;
    private ByteBuffer current;
    private boolean ended;

    MessageInputStream(PieceQueue<ByteBuffer> pieces) {
        this.pieces = pieces;
    }

    private boolean fill() throws IOException {
        while (!ended && (current == null || !current.hasRemaining())) {
            current = pieces.take();
            if (current == null) {
                ended = true;
            }
        }
        return !ended;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    @Override
    public void close() {
        pieces.abandon();
        ended = true;
    }
}
