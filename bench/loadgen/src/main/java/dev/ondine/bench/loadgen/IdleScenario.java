package dev.ondine.bench.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens N connections to /echo (sources spread over 127.0.0.2..250) and holds them idle:
 * prints {@code READY open=N} on standard output once all are open, then waits until the
 * hold file exists (or the hold time has passed) so that a script can measure the server,
 * then closes them all with closing handshakes.
 */
final class IdleScenario extends Scenario {

    IdleScenario(Options o) throws Exception {
        super(o, "/echo", 1024, o.bindSources());
    }

    @Override
    void opened(Conn c) {
    }

    @Override
    public void onMessage(Conn c, int opcode, long length, byte[] head, int headLength) {
    }

    Result execute() throws Exception {
        long t0 = System.nanoTime();
        int open = openAll(o.conns, o.openTimeout);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("READY open=" + open + " failed=" + onLoop(() -> failedOpen)
                + " seconds=" + EchoScenario.round(openSeconds, 1));
        System.out.flush();
        long holdUntil = System.nanoTime() + (long) (o.hold * 1e9);
        while (true) {
            if (o.holdFile != null && Files.exists(Path.of(o.holdFile))) {
                break;
            }
            if (o.holdFile == null && System.nanoTime() >= holdUntil) {
                break;
            }
            Thread.sleep(50);
        }
        int stillOpen = onLoop(() -> (int) conns.stream().filter(Conn::isOpen).count());
        closeAll(30);
        return new Result("idle", o)
                .put("conns", o.conns).put("open", open).put("open_at_end", stillOpen)
                .put("open_seconds", EchoScenario.round(openSeconds, 1))
                .put("opens_per_s", Math.round(open / openSeconds))
                .errors(errorsSnapshot());
    }
}
