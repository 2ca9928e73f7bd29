package dev.ondine.bench.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * C workers, each in a loop: open a connection to /echo, send one text message, read its
 * echo, close (closing handshake), start again. Counts cycles completed in the measured window.
 */
final class HandshakeScenario extends Scenario {
    private final byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
    private boolean recording;
    private boolean stopping;
    private long cycles;
    private long failures;
    private long windowStart;
    private long windowEnd;

    HandshakeScenario(Options o) throws Exception {
        super(o, "/echo", 2048, o.bindSources());
    }

    @Override
    void connectMore() {
        // this scenario starts connections itself: one per worker, again after each cycle
    }

    private void startOne() {
        Conn c = new Conn(loop, this, o.host, o.port, "/echo", 2048);
        c.connect(nextLocal());
    }

    @Override
    void opened(Conn c) {
        c.send(Frames.clientFrame(Frames.TEXT, hello));
    }

    @Override
    public void onMessage(Conn c, int opcode, long length, byte[] head, int headLength) {
        c.attachment = Boolean.TRUE;
        c.close();
    }

    @Override
    public void onClosed(Conn c, String error) {
        boolean ok = error == null && c.attachment == Boolean.TRUE;
        if (!ok) {
            error(error == null ? "closed without the echo" : error);
        }
        if (recording) {
            if (ok) {
                cycles++;
            } else {
                failures++;
            }
        }
        if (!stopping) {
            startOne();
        }
    }

    Result execute() throws Exception {
        run(() -> {
            for (int i = 0; i < o.workers; i++) {
                startOne();
            }
        });
        Thread.sleep((long) (o.warmup * 1000));
        run(() -> {
            recording = true;
            windowStart = System.nanoTime();
        });
        Thread.sleep((long) (o.duration * 1000));
        run(() -> {
            recording = false;
            stopping = true;
            windowEnd = System.nanoTime();
        });
        Thread.sleep(1000);
        loop.shutdown();
        double seconds = (windowEnd - windowStart) / 1e9;
        return new Result("handshakes", o)
                .put("workers", o.workers).put("duration_s", o.duration)
                .put("cycles", cycles)
                .put("handshakes_per_s", Math.round(cycles / seconds))
                .put("failures", failures)
                .errors(errorsSnapshot());
    }
}
