package dev.ondine.impl.jakarta.session.delivery;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/** A text message read as it arrives, for {@code MessageHandler.Whole<Reader>}. */
final class MessageReader extends Reader {
    private final PieceQueue<String> pieces;
    private String current;
    private int index;
    private boolean ended;

    MessageReader(PieceQueue<String> pieces) {
        this.pieces = pieces;
    }

    private boolean fill() throws IOException {
        while (!ended && (current == null || index == current.length())) {
            current = pieces.take();
            index = 0;
            if (current == null) {
                ended = true;
            }
        }
        return !ended;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - index);
        current.getChars(index, index + n, cbuf, off);
        index += n;
        return n;
    }

    @Override
    public boolean ready() {
        return current != null && index < current.length();
    }

    @Override
    public void close() {
        pieces.abandon();
        ended = true;
    }
}
