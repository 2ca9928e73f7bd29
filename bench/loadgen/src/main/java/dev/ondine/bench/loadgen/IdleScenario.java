package dev.ondine.bench.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens N connections to /echo (sources spread over 127.0.0.2..250), lets each exchange
 * {@code --idle-messages} echoes first (one at a time; compressed with {@code --deflate}),
 * and holds them idle:
 * prints {@code READY open=N} on standard output once all are open, then waits until the
 * hold file exists (or the hold time has passed) so that a script can measure the server,
 * then closes them all with closing handshakes.
 */
final class IdleScenario extends Scenario {

    IdleScenario(Options o) throws Exception {
        super(o, "/echo", 1024, o.bindSources());
    }

    private byte[] payload;
    /** Connections that have had their echoes (loop thread). */
    private int warmed;

    @Override
    void opened(Conn c) {
        if (o.idleMessages > 0) {
            c.attachment = new int[1];
            send(c);
        } else {
            warmed++;
        }
    }

    private void send(Conn c) {
        if (payload == null) {
            payload = o.deflate.equals("off") ? Frames.payload(o.size, "idle") : Frames.textPayload(o.size, "idle");
        }
        ClientDeflate deflate = c.deflate();
        boolean compress = deflate != null && deflate.compresses();
        c.send(Frames.clientFrame(o.text ? Frames.TEXT : Frames.BINARY, compress,
                compress ? deflate.compress(payload) : payload));
    }

    @Override
    public void onMessage(Conn c, int opcode, long length, byte[] head, int headLength) {
        int[] echoes = (int[]) c.attachment;
        if (echoes == null) {
            return;
        }
        if (++echoes[0] < o.idleMessages) {
            send(c);
        } else {
            c.attachment = null;
            warmed++;
        }
    }

    Result execute() throws Exception {
        long t0 = System.nanoTime();
        int open = openAll(o.conns, o.openTimeout);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + (long) (o.openTimeout * 1e9);
        while (onLoop(() -> warmed) < open && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int deflated = onLoop(() -> (int) conns.stream().filter(c -> c.deflate() != null).count());
        System.out.println("READY open=" + open + " warmed=" + onLoop(() -> warmed) + " deflate_conns=" + deflated
                + " failed=" + onLoop(() -> failedOpen)
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
                .put("deflate", o.deflate).put("deflate_conns", deflated)
                .put("idle_messages", o.idleMessages).put("size", o.size)
                .put("open_seconds", EchoScenario.round(openSeconds, 1))
                .put("opens_per_s", Math.round(open / openSeconds))
                .errors(errorsSnapshot());
    }
}
