package dev.ondine.impl.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking TLS client made of an {@link SSLEngine} over a plain socket, for tests that must
 * see what happens at the TLS level (a close_notify as opposed to a bare TCP end).
 */
final class TlsPeer implements Closeable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer app = ByteBuffer.allocate(64 * 1024);
    /** Plaintext received and not yet taken. */
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean closeNotifyReceived;

    TlsPeer(SSLContext context, InetSocketAddress address) throws IOException {
        channel = SocketChannel.open(address);
        engine = context.createSSLEngine("127.0.0.1", address.getPort());
        engine.setUseClientMode(true);
        engine.beginHandshake();
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
            } else if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                unwrapOnce();
            } else if (hs == HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = engine.getDelegatedTask()) != null) {
                    t.run();
                }
            } else {
                return;
            }
        }
    }

    void write(byte[] plaintext) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(plaintext);
        while (src.hasRemaining()) {
            wrap(src);
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        engine.wrap(src, netOut);
        netOut.flip();
        while (netOut.hasRemaining()) {
            channel.write(netOut);
        }
    }

    /** Unwraps one record, reading from the socket as needed; false at close_notify. */
    private boolean unwrapOnce() throws IOException {
        while (true) {
            netIn.flip();
            app.clear();
            SSLEngineResult r = engine.unwrap(netIn, app);
            netIn.compact();
            app.flip();
            received.write(app.array(), 0, app.limit());
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                closeNotifyReceived = true;
                return false;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                if (channel.read(netIn) < 0) {
                    throw new EOFException("TCP ended without close_notify");
                }
                continue;
            }
            return true;
        }
    }

    /** Reads until {@code n} plaintext bytes are there (or close_notify); returns them all. */
    byte[] readAtLeast(int n) throws IOException {
        while (received.size() < n && unwrapOnce()) {
            // keep reading
        }
        byte[] b = received.toByteArray();
        received.reset();
        return b;
    }

    /** Reads until close_notify; throws EOFException if TCP ends first. */
    void readUntilCloseNotify() throws IOException {
        while (unwrapOnce()) {
            // discard
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
