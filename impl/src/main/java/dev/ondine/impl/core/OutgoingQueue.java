package dev.ondine.impl.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames a connection has encoded but the transport has not yet taken, in order.
 *
 * <p>Any thread may {@link #add} frames. Writing is done by one thread at a time: the first
 * thread to {@link #flush()} writes as much as the transport takes with gathering writes of
 * up to {@value #MAX_GATHER} buffers; frames added meanwhile by other threads are picked up
 * by that same writer. When the transport stops taking bytes the queue asks it for a
 * writability call and waits; it never blocks a thread. Callbacks run outside the lock.
 *
 * <p>{@link #queuedBytes()} is what the connection's backpressure and queue limit look at.
 */
final class OutgoingQueue {
    /** Buffers handed to one gathering write (well under every platform's IOV_MAX). */
    static final int MAX_GATHER = 64;

    private final Transport transport;
    /** Small at first: an idle connection's queue is empty, and a busy one grows it. */
    private final ArrayDeque<Entry> entries = new ArrayDeque<>(2);
    /**
     * The buffers of one gathering write: one array per writing thread rather than per
     * connection, since a thread writes for one connection at a time.
     */
    private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[MAX_GATHER]);
    private ByteBuffer[] gather;
    private long queuedBytes;
    private boolean writing;
    private boolean awaitingWritable;
    private IOException failure;

    private final ConnectionMetrics metrics;

    OutgoingQueue(Transport transport) {
        this(transport, ConnectionMetrics.NOOP);
    }

    OutgoingQueue(Transport transport, ConnectionMetrics metrics) {
        this.transport = transport;
        this.metrics = metrics;
    }

    /**
     * Queues one frame's buffers. Returns false, and leaves the callback alone, when the
     * queue has already failed (the transport is gone).
     */
    boolean add(ByteBuffer[] buffers, SendCallback callback) {
        long bytes = 0;
        for (ByteBuffer b : buffers) {
            bytes += b.remaining();
        }
        synchronized (this) {
            if (failure != null) {
                return false;
            }
            entries.addLast(new Entry(buffers, callback));
            queuedBytes += bytes;
        }
        return true;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The transport can take bytes again. */
    void onWritable() {
        synchronized (this) {
            awaitingWritable = false;
        }
        flush();
    }

    /**
     * Writes what the transport takes now. Returns once the queue is empty, the transport is
     * full (a writability call is then requested), or another thread is already writing.
     */
    void flush() {
        synchronized (this) {
            if (writing || awaitingWritable || failure != null || entries.isEmpty()) {
                return;
            }
            writing = true;
        }
        gather = GATHER.get();
        List<SendCallback> done = new ArrayList<>(4);
        while (true) {
            int count;
            synchronized (this) {
                count = failure != null ? 0 : fillGather();
                if (count == 0) {
                    writing = false;
                    break;
                }
            }
            long written;
            try {
                written = transport.write(gather, 0, count);
                metrics.bytesWritten(written);
            } catch (IOException e) {
                clearGather(count);
                writerFailed(e);
                return;
            } catch (RuntimeException e) {
                clearGather(count);
                writerFailed(new IOException("Transport write failed", e));
                return;
            }
            List<Entry> abandoned = null;
            boolean requestWritable = false;
            synchronized (this) {
                queuedBytes -= written;
                // Frames this write finished are done, even if the transport ended meanwhile.
                popWritten(done);
                if (failure != null) {
                    // fail() ran while this thread was writing and left the rest to it.
                    abandoned = takeAll();
                    writing = false;
                } else if (anyUnwritten(count)) {
                    // The transport stopped taking bytes part way: wait to be told it can take more.
                    awaitingWritable = true;
                    writing = false;
                    requestWritable = true;
                }
            }
            clearGather(count);
            runCompleted(done);
            if (abandoned != null) {
                failAll(abandoned, failure());
                return;
            }
            if (requestWritable) {
                transport.requestWritable();
                return;
            }
        }
    }

    /**
     * Fails every queued frame with {@code cause} and refuses new ones; used when the
     * transport has ended. If a thread is writing at this moment, the frames its write
     * finishes still complete: that thread fails the rest when its write returns.
     */
    void fail(IOException cause) {
        List<Entry> failed;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            if (writing) {
                return;
            }
            failed = takeAll();
        }
        failAll(failed, cause);
    }

    private void writerFailed(IOException cause) {
        List<Entry> failed;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            writing = false;
            failed = takeAll();
        }
        failAll(failed, failure());
    }

    private synchronized IOException failure() {
        return failure;
    }

    private List<Entry> takeAll() {
        List<Entry> all = new ArrayList<>(entries);
        entries.clear();
        queuedBytes = 0;
        return all;
    }

    private static void failAll(List<Entry> failed, IOException cause) {
        for (Entry e : failed) {
            try {
                e.callback.failed(cause);
            } catch (RuntimeException ignored) {
                // A callback's failure must not stop the others from learning theirs.
            }
        }
    }

    private void clearGather(int count) {
        Arrays.fill(gather, 0, count, null);
    }

    /** Copies the head entries' unwritten buffers into the gather array; returns the count. */
    private int fillGather() {
        int n = 0;
        for (Entry e : entries) {
            for (ByteBuffer b : e.buffers) {
                if (b.hasRemaining()) {
                    if (n == MAX_GATHER) {
                        return n;
                    }
                    gather[n++] = b;
                }
            }
        }
        return n;
    }

    /**
     * Whether the write stopped inside the gathered buffers (rather than having written all
     * of them): then the transport is full.
     */
    private boolean anyUnwritten(int count) {
        for (int i = 0; i < count; i++) {
            if (gather[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void popWritten(List<SendCallback> done) {
        while (!entries.isEmpty() && entries.peekFirst().remaining() == 0) {
            done.add(entries.pollFirst().callback);
        }
    }

    private static void runCompleted(List<SendCallback> done) {
        for (SendCallback cb : done) {
            try {
                cb.completed();
            } catch (RuntimeException ignored) {
                // A callback's failure is its own; the queue goes on.
            }
        }
        done.clear();
    }

    private static final class Entry {
        final ByteBuffer[] buffers;
        final SendCallback callback;

        Entry(ByteBuffer[] buffers, SendCallback callback) {
            this.buffers = buffers;
            this.callback = callback;
        }

        long remaining() {
            long r = 0;
            for (ByteBuffer b : buffers) {
                r += b.remaining();
            }
            return r;
        }
    }
}
