package dev.ondine.impl.core;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A transport whose every operation but {@link #write} does nothing (tasks run at once,
 * timers never fire), for tests that only care about what is written.
 */
public abstract class NoOpTransport implements Transport {

    /** Takes every remaining byte of the buffers, as a socket that is never full; returns how many. */
    protected static long takeAll(ByteBuffer[] buffers, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += buffers[i].remaining();
            buffers[i].position(buffers[i].limit());
        }
        return n;
    }

    @Override
    public void requestWritable() {
    }

    @Override
    public void pauseReading() {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public void close() {
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        return () -> { };
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
