package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.SendCallback;

import java.io.IOException;
import java.io.InterruptedIOException;

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

    /** Returns once written; throws the failure as an IOException otherwise. */
    synchronized void await() throws IOException {
        while (!done) {
            try {
                wait();
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
