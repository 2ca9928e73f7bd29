package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.SendCallback;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** Waits, in a blocking send, for the frame to be written (or to fail). */
final class BlockingSend implements SendCallback {
    private boolean done;
    private Throwable failure;

    @Override
    public synchronized void completed() {
        done = true;
        notifyAll();
    }

    @Override
    public synchronized void failed(Throwable cause) {
        failure = cause;
        done = true;
        notifyAll();
    }

    /** Whether the send has completed or failed already. */
    synchronized boolean isDone() {
        return done;
    }

    /**
     * Returns once written; throws the failure as an IOException otherwise, and a
     * {@link SocketTimeoutException} when not done within {@code timeoutMillis} (0: no limit).
     */
    synchronized void await(long timeoutMillis) throws IOException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        while (!done) {
            long waitMillis = 0;
            if (timeoutMillis > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("Blocking send not completed within " + timeoutMillis + " ms");
                }
                waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
            }
            try {
                wait(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while sending");
            }
        }
        if (failure != null) {
            if (failure instanceof IOException) {
                throw new IOException(failure.getMessage(), failure);
            }
            throw new IOException("Send failed: " + failure, failure);
        }
    }
}
