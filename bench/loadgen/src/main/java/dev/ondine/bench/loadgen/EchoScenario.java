package dev.ondine.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

/**
 * N connections to /echo, each keeping K messages in flight: a message is sent again as soon
 * as its echo is back. Latency is per message, from the moment it was queued for sending to
 * the moment its echo was read whole (so with K &gt; 1 it includes waiting behind the others).
 * Warmup, then a measured window; only echoes read inside the window count.
 */
final class EchoScenario extends Scenario {
    private static final int DISTINCT_FRAMES = 8;
    private final ByteBuffer[] frames = new ByteBuffer[DISTINCT_FRAMES];
    private final byte[] expectedHead;
    private final byte[] payload;
    private final int opcode;
    private int nextFrame;
    private final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private boolean recording;
    private boolean stopping;
    private long count;
    private long mismatches;
    private long windowStart;
    private long windowEnd;

    private static final class InFlight {
        final long[] sentAt;
        int head;
        int tail;

        InFlight(int k) {
            sentAt = new long[k];
        }
    }

    EchoScenario(Options o) throws Exception {
        super(o, "/echo", 32 * 1024, o.bindSources());
        opcode = o.text ? Frames.TEXT : Frames.BINARY;
        payload = o.deflate.equals("off") ? Frames.payload(o.size, "echo") : Frames.textPayload(o.size, "echo");
        // A few frames with different mask keys, built once: the generator's cost per message
        // is then a buffer duplicate, not a masking pass (see docs/benchmarks.md).
        for (int i = 0; i < DISTINCT_FRAMES; i++) {
            frames[i] = Frames.clientFrame(opcode, payload);
        }
        expectedHead = java.util.Arrays.copyOf(payload, Math.min(Conn.KEPT, payload.length));
    }

    @Override
    void opened(Conn c) {
        c.attachment = new InFlight(o.inflight);
        for (int i = 0; i < o.inflight; i++) {
            sendOne(c);
        }
    }

    private void sendOne(Conn c) {
        InFlight f = (InFlight) c.attachment;
        f.sentAt[f.tail] = System.nanoTime();
        f.tail = (f.tail + 1) % f.sentAt.length;
        ClientDeflate deflate = c.deflate();
        if (deflate != null && deflate.compresses()) {
            c.send(Frames.clientFrame(opcode, true, deflate.compress(payload))); // compressed per message: one stream
        } else {
            c.send(frames[nextFrame++ & (DISTINCT_FRAMES - 1)].duplicate());
        }
    }

    @Override
    public void onMessage(Conn c, int opcode, long length, byte[] head, int headLength) {
        long now = System.nanoTime();
        InFlight f = (InFlight) c.attachment;
        long sent = f.sentAt[f.head];
        f.head = (f.head + 1) % f.sentAt.length;
        if (opcode != this.opcode || length != o.size
                || !java.util.Arrays.equals(head, 0, headLength, expectedHead, 0, expectedHead.length)) {
            mismatches++;
        }
        if (recording) {
            histogram.recordValue(Math.max(0, now - sent));
            count++;
        }
        if (!stopping) {
            sendOne(c);
        }
    }

    Result execute() throws Exception {
        int open = openAll(o.conns, o.openTimeout);
        Result r = new Result("echo", o);
        r.put("conns", o.conns).put("type", o.text ? "text" : "binary").put("size", o.size)
                .put("inflight", o.inflight).put("duration_s", o.duration);
        if (open < o.conns) {
            System.err.println("  only " + open + " of " + o.conns + " connections opened");
        }
        Thread.sleep((long) (o.warmup * 1000));
        CpuClock server = o.serverPid > 0 ? CpuClock.of(o.serverPid) : null;
        CpuClock self = CpuClock.self();
        run(() -> {
            recording = true;
            windowStart = System.nanoTime();
        });
        double serverCpu0 = server == null ? 0 : server.seconds();
        double selfCpu0 = self.seconds();
        Thread.sleep((long) (o.duration * 1000));
        run(() -> {
            recording = false;
            stopping = true;
            windowEnd = System.nanoTime();
        });
        double serverCpu = server == null ? -1 : server.seconds() - serverCpu0;
        double selfCpu = self.seconds() - selfCpu0;
        int stillOpen = onLoop(() -> (int) conns.stream().filter(Conn::isOpen).count());
        Thread.sleep(200); // let the last echoes in before the closing handshakes
        closeAll(10);
        double seconds = (windowEnd - windowStart) / 1e9;
        double rate = count / seconds;
        int deflated = onLoop(() -> (int) conns.stream().filter(c -> c.deflate() != null).count());
        r.put("deflate", o.deflate).put("deflate_conns", deflated);
        r.put("open", open).put("open_at_end", stillOpen)
                .put("msgs", count)
                .put("msgs_per_s", Math.round(rate))
                .put("mb_per_s", round(rate * o.size / 1e6, 2))
                .put("p50_us", us(histogram.getValueAtPercentile(50)))
                .put("p99_us", us(histogram.getValueAtPercentile(99)))
                .put("p999_us", us(histogram.getValueAtPercentile(99.9)))
                .put("max_us", us(histogram.getMaxValue()))
                .put("mismatches", mismatches)
                .put("loadgen_cpu", round(selfCpu / seconds, 3));
        if (server != null && serverCpu >= 0) {
            // Cores the server kept busy in the window, and its CPU time per echo: the second
            // compares servers even when the generator, not the server, set the rate.
            r.put("server_cpu", round(serverCpu / seconds, 3))
                    .put("server_cpu_us_per_msg", count == 0 ? 0 : round(serverCpu * 1e6 / count, 2));
        }
        r.errors(errorsSnapshot());
        return r;
    }

    static double us(long ns) {
        return round(ns / 1000.0, 1);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
