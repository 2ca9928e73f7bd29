package dev.ondine.impl.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutgoingQueueTest {

    /**
     * A transport that takes everything, but holds the writing thread inside write() until
     * released, so a test can end the transport while a write is in flight.
     */
    private static final class HeldTransport extends NoOpTransport {
        final CountDownLatch inWrite = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public long write(ByteBuffer[] buffers, int offset, int length) {
            long n = takeAll(buffers, offset, length);
            inWrite.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        }
    }

    @Test
    void aFrameWrittenWhileTheTransportEndsCompletesAndTheRestFail() throws Exception {
        HeldTransport transport = new HeldTransport();
        OutgoingQueue queue = new OutgoingQueue(transport);
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        queue.add(new ByteBuffer[] {ByteBuffer.allocate(10)}, recorder(first));
        Thread writer = new Thread(queue::flush);
        writer.start();
        assertTrue(transport.inWrite.await(5, TimeUnit.SECONDS));
        // While the write is in flight: another frame is queued and the transport ends.
        queue.add(new ByteBuffer[] {ByteBuffer.allocate(10)}, recorder(second));
        queue.fail(new IOException("peer closed"));
        transport.release.countDown();
        writer.join(5000);
        assertNull(first.get(5, TimeUnit.SECONDS), "the frame the write finished is reported written");
        assertInstanceOf(IOException.class, second.get(5, TimeUnit.SECONDS), "the frame never written fails");
        assertEquals(0, queue.queuedBytes());
        assertTrue(!queue.add(new ByteBuffer[] {ByteBuffer.allocate(1)}, SendCallback.NOOP), "a failed queue refuses more");
    }

    private static SendCallback recorder(CompletableFuture<Throwable> outcome) {
        return new SendCallback() {
            @Override
            public void completed() {
                outcome.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                outcome.complete(cause);
            }
        };
    }
}
