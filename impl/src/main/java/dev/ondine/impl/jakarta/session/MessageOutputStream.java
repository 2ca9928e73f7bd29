package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.MessageType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code RemoteEndpoint.Basic.getSendStream()}: a binary message written as a stream. Bytes
 * are gathered in a buffer and sent as a fragment each time it fills; {@link #close()} sends
 * the final fragment (RFC 6455 §5.4).
 */
final class MessageOutputStream extends OutputStream {
    private final BasicRemote remote;
    private final byte[] buffer;
    private int count;
    private boolean closed;

    MessageOutputStream(BasicRemote remote, int bufferSize) {
        this.remote = remote;
        this.buffer = new byte[Math.max(64, bufferSize)];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buffer.length) {
            sendFragment(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (count == buffer.length) {
                sendFragment(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered as a fragment (not the last one). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
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
        ByteBuffer data = ByteBuffer.allocate(count);
        data.put(buffer, 0, count).flip();
        count = 0;
        remote.sendBlocking(MessageType.BINARY, data, last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The send stream is closed");
        }
    }
}
