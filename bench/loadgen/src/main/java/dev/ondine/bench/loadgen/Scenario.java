package dev.ondine.bench.loadgen;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * What every scenario shares: one {@link Loop}, opening connections at a bounded number of
 * pending handshakes, optional source addresses 127.0.0.2..250 (so that tens of thousands of
 * connections do not run out of ephemeral ports), and error accounting. Counters are written
 * on the loop thread; the main thread reads them through {@link #onLoop}.
 */
abstract class Scenario implements Conn.Handler {
    final Options o;
    final Loop loop;
    final List<Conn> conns = new ArrayList<>();
    final Map<String, Integer> errors = new TreeMap<>();
    private final String path;
    private final int readBufferSize;
    private final boolean bindSources;
    private int nextSource = 2;

    int target;
    int started;
    int pending;
    int opened;
    int failedOpen;
    int closedAfterOpen;

    Scenario(Options o, String path, int readBufferSize, boolean bindSources) throws Exception {
        this.o = o;
        this.path = path;
        this.readBufferSize = readBufferSize;
        this.bindSources = bindSources;
        this.loop = new Loop(0);
        loop.start();
    }

    /** Runs {@code task} on the loop thread and waits for its answer. */
    <T> T onLoop(Callable<T> task) {
        if (loop.exited()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.join();
    }

    void run(Runnable task) {
        onLoop(() -> {
            task.run();
            return null;
        });
    }

    /** On the loop: starts connections until {@link #target} are started or too many are pending. */
    void connectMore() {
        while (started < target && pending < o.connectConcurrency) {
            Conn c = newConn();
            started++;
            pending++;
            c.connect(nextLocal());
        }
    }

    Conn newConn() {
        Conn c = new Conn(loop, this, o.host, o.portFor(conns.size()), path, readBufferSize);
        if (!o.deflate.equals("off")) {
            c.offerDeflate(ClientDeflate.offer(o.deflate));
        }
        conns.add(c);
        return c;
    }

    InetSocketAddress nextLocal() {
        if (!bindSources) {
            return null;
        }
        InetSocketAddress a = new InetSocketAddress("127.0.0." + nextSource, 0);
        nextSource = nextSource == 250 ? 2 : nextSource + 1;
        return a;
    }

    void error(String e) {
        String k = e.length() > 120 ? e.substring(0, 120) : e;
        errors.merge(k, 1, Integer::sum);
    }

    @Override
    public void onOpen(Conn c) {
        pending--;
        opened++;
        opened(c);
        connectMore();
    }

    @Override
    public void onClosed(Conn c, String error) {
        if (!c.everOpen) {
            pending--;
            failedOpen++;
            error(error == null ? "closed before open" : error);
            connectMore();
        } else {
            closedAfterOpen++;
            closed(c, error);
        }
    }

    abstract void opened(Conn c);

    void closed(Conn c, String error) {
        if (error != null) {
            error(error);
        }
    }

    /** Starts {@code n} connections and waits until all are open or failed, at most {@code timeoutS}. */
    int openAll(int n, double timeoutS) throws InterruptedException {
        run(() -> {
            target += n;
            connectMore();
        });
        long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
        while (System.nanoTime() < deadline) {
            boolean done = onLoop(() -> opened + failedOpen >= target);
            if (done) {
                break;
            }
            Thread.sleep(20);
        }
        return onLoop(() -> opened);
    }

    /** Closing handshake on every connection, then aborts whatever is still open after {@code timeoutS}. */
    void closeAll(double timeoutS) throws InterruptedException {
        run(() -> {
            target = started; // no more connections
            for (Conn c : conns) {
                c.close();
            }
        });
        long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
        while (System.nanoTime() < deadline) {
            if (onLoop(() -> conns.stream().allMatch(Conn::isClosed))) {
                break;
            }
            Thread.sleep(20);
        }
        int aborted = onLoop(() -> {
            int n = 0;
            for (Conn c : conns) {
                if (!c.isClosed()) {
                    n++;
                    c.abort();
                }
            }
            return n;
        });
        if (aborted > 0) {
            System.err.println("  " + aborted + " connection(s) did not finish the closing handshake in " + timeoutS + " s");
        }
        loop.shutdown();
    }

    Map<String, Integer> errorsSnapshot() {
        return onLoop(() -> new TreeMap<>(errors));
    }
}
