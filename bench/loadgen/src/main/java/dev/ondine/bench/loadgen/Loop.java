package dev.ondine.bench.loadgen;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One selector thread: owns its connections; everything about them runs here. */
final class Loop implements Runnable {
    final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Conn> dirty = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    Loop(int index) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, "loadgen-loop-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Marks a connection to be flushed once the current batch of events is handled. */
    void markDirty(Conn c) {
        dirty.add(c);
    }

    /** Stops the thread and waits for it; afterwards {@link #exited()} and tasks may run on the caller. */
    void shutdown() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean exited() {
        return !thread.isAlive();
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(5);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        c.onReady(key.readyOps());
                    } catch (IOException | RuntimeException e) {
                        c.fail(e.toString());
                    }
                }
                selector.selectedKeys().clear();
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                flushDirty();
            } catch (IOException | RuntimeException e) {
                System.err.println("loop error: " + e);
            }
        }
    }

    void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }
}
