package dev.ondine.impl.transport.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where {@code WebConnection.close()} happens. Tomcat acts on it only when a container thread
 * returns from a listener callback; a close from another thread leaves the socket open. The
 * race of a server-initiated close: our close frame is being written on an endpoint thread
 * while a container thread delivers the peer's answer; the connection's end then comes from
 * the endpoint thread once its write completes. The transport must leave the close to the
 * container thread.
 */
class ServletTransportCloseTest {
    private final ServletRuntime runtime = new ServletRuntime("close-test", Limits.defaults(),
            DispatchExecutors.create("ondine-close-test", getClass().getClassLoader()), getClass().getClassLoader());

    @AfterEach
    void shutdown() {
        runtime.shutdown();
        DispatchExecutors.shutdown(runtime.pool(), 1000);
    }

    @Test
    void aServerInitiatedCloseEndsTheWebConnectionOnTheContainerThreadThatReadThePeersAnswer() throws Exception {
        FakeConnection web = new FakeConnection();
        ServletTransport transport = new ServletTransport(web, runtime, false,
                new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2));
        WebSocketConnection connection = new WebSocketConnection(Role.SERVER, transport, new ConnectionListener() { },
                Upgrade.connectionLimits(Limits.defaults()), null, null);
        transport.start(connection);

        // The endpoint thread closes; its write of the close frame is held until the
        // container thread has read the peer's close frame.
        Thread endpoint = new Thread(() -> connection.close(1000, "bye"), "endpoint");
        endpoint.start();
        assertTrue(web.out.writing.await(5, TimeUnit.SECONDS), "the close frame is being written");

        // The container thread delivers the peer's close frame (masked, code 1000).
        web.in.supply(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
        CompletableFuture<Thread> container = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            transport.onDataAvailable();
            container.complete(Thread.currentThread());
        }, "container");
        t.start();
        Thread containerThread = container.get(5, TimeUnit.SECONDS);
        endpoint.join(5000);

        assertEquals(1, web.closes, "closed once");
        assertSame(containerThread, web.closedBy, "closed by " + web.closedBy.getName());
    }

    @Test
    void aCloseWithNoCallbackRunningHappensAtOnce() throws Exception {
        FakeConnection web = new FakeConnection();
        web.out.holdFirstWrite = false;
        ServletTransport transport = new ServletTransport(web, runtime, false,
                new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2));
        WebSocketConnection connection = new WebSocketConnection(Role.SERVER, transport, new ConnectionListener() { },
                Upgrade.connectionLimits(Limits.defaults()), null, null);
        transport.start(connection);
        connection.abort();
        assertEquals(1, web.closes);
        assertSame(Thread.currentThread(), web.closedBy);
    }

    /** A WebConnection whose close() records the calling thread. */
    private static final class FakeConnection implements WebConnection {
        final FakeInput in = new FakeInput();
        final FakeOutput out = new FakeOutput(in);
        volatile Thread closedBy;
        volatile int closes;

        @Override
        public ServletInputStream getInputStream() {
            return in;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public synchronized void close() {
            closes++;
            closedBy = Thread.currentThread();
        }
    }

    private static final class FakeInput extends ServletInputStream {
        private byte[] data = new byte[0];
        private int position;
        /** Counted down once the supplied bytes have been read and the reader asks for more. */
        final CountDownLatch drained = new CountDownLatch(1);

        synchronized void supply(byte[] bytes) {
            data = bytes;
            position = 0;
        }

        @Override
        public synchronized boolean isReady() {
            boolean ready = position < data.length;
            if (!ready && data.length > 0) {
                drained.countDown();
            }
            return ready;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public synchronized int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    private static final class FakeOutput extends ServletOutputStream {
        private final FakeInput in;
        final CountDownLatch writing = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean holdFirstWrite = true;

        FakeOutput(FakeInput in) {
            this.in = in;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (holdFirstWrite) {
                holdFirstWrite = false;
                writing.countDown();
                try {
                    // Held until the container thread has read the peer's close frame.
                    if (!in.drained.await(5, TimeUnit.SECONDS)) {
                        throw new IOException("the peer's close frame was not read");
                    }
                    Thread.sleep(50); // the reader is past the frame, in its callback's last steps
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.write(b, off, len);
        }
    }
}
