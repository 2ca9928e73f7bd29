package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.MessageType;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * {@code RemoteEndpoint.Basic.getSendWriter()}: a text message written as a stream of
 * characters, sent as fragments when the buffer fills and finished by {@link #close()}.
 */
final class MessageWriter extends Writer {
    private final BasicRemote remote;
    private final StringBuilder buffer;
    private final int capacity;
    private final TextFragments fragments = new TextFragments();
    private boolean closed;

    MessageWriter(BasicRemote remote, int bufferSize) {
        this.remote = remote;
        this.capacity = Math.max(64, bufferSize);
        this.buffer = new StringBuilder(capacity);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        ensureOpen();
        while (len > 0) {
            if (buffer.length() >= capacity) {
                sendFragment(false);
            }
            int n = Math.min(len, capacity - buffer.length());
            buffer.append(cbuf, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffer.length() > 0) {
            sendFragment(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sendFragment(true);
    }

    private void sendFragment(boolean last) throws IOException {
        String part = buffer.toString();
        buffer.setLength(0);
        remote.sendBlocking(MessageType.TEXT, fragments.encode(part, last), last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The send writer is closed");
        }
    }
}
