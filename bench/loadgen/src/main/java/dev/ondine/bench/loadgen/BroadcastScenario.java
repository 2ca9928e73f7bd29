package dev.ondine.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * R receivers and one sender on /broadcast. Each round the sender sends one text message
 * naming the round; the round's time is from that send to the moment the last receiver has
 * read it. Rounds are one after the other, each given at most 30 s.
 */
final class BroadcastScenario extends Scenario {
    private Conn sender;
    private int round;
    private int received;
    private long roundStart;
    private long roundEnd;
    private long stale;

    BroadcastScenario(Options o) throws Exception {
        super(o, "/broadcast", 2048, o.bindSources());
    }

    @Override
    void opened(Conn c) {
    }

    @Override
    public void onMessage(Conn c, int opcode, long length, byte[] head, int headLength) {
        if (c == sender) {
            return;
        }
        String text = new String(head, 0, Math.min(headLength, 8), StandardCharsets.US_ASCII);
        if (text.equals(tag(round))) {
            received++;
            if (received == o.receivers) {
                roundEnd = System.nanoTime();
            }
        } else {
            stale++;
        }
    }

    private static String tag(int round) {
        return String.format("r%07d", round);
    }

    Result execute() throws Exception {
        int open = openAll(o.receivers, o.openTimeout);
        int senderOpen = openAll(1, 30) - open;
        sender = onLoop(() -> conns.get(conns.size() - 1));
        Result r = new Result("broadcast", o).put("receivers", o.receivers).put("open", open)
                .put("size", o.size);
        if (senderOpen != 1 || open == 0) {
            System.err.println("  the sender or every receiver failed to connect: no rounds");
            closeAll(5);
            return r.put("rounds", o.rounds).put("rounds_complete", 0).errors(errorsSnapshot());
        }
        Thread.sleep(1000); // every server has run its onOpen by now
        double[] ms = new double[o.rounds];
        int complete = 0;
        int minReceived = Integer.MAX_VALUE;
        for (int i = 1; i <= o.rounds; i++) {
            int n = i;
            byte[] payload = Frames.payload(Math.max(8, o.size), tag(n));
            run(() -> {
                round = n;
                received = 0;
                roundEnd = 0;
                roundStart = System.nanoTime();
                sender.send(Frames.clientFrame(Frames.TEXT, payload));
            });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && onLoop(() -> roundEnd == 0)) {
                Thread.sleep(2);
            }
            long[] snapshot = onLoop(() -> new long[] {roundStart, roundEnd, received});
            minReceived = Math.min(minReceived, (int) snapshot[2]);
            if (snapshot[1] != 0) {
                ms[complete++] = (snapshot[1] - snapshot[0]) / 1e6;
            }
            Thread.sleep(200);
        }
        int stillOpen = onLoop(() -> (int) conns.stream().filter(Conn::isOpen).count());
        closeAll(30);
        double[] done = Arrays.copyOf(ms, complete);
        Arrays.sort(done);
        r.put("rounds", o.rounds).put("rounds_complete", complete)
                .put("min_received", minReceived == Integer.MAX_VALUE ? 0 : minReceived)
                .put("median_ms", complete == 0 ? -1 : EchoScenario.round(done[complete / 2], 1))
                .put("max_ms", complete == 0 ? -1 : EchoScenario.round(done[complete - 1], 1))
                .put("open_at_end", stillOpen)
                .put("stale", onLoop(() -> stale))
                .errors(errorsSnapshot());
        return r;
    }
}
