package dev.ondine.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * R receivers and one sender on /broadcast. Each round the sender sends one text message
 * naming the round; the round's time is from that send to the moment the last receiver has
 * read it. Rounds are one after the other, each given at most 30 s. With {@code --ports} the
 * receivers are spread over several servers (the nodes of a cluster); with
 * {@code --server-pids} the servers' CPU time over the rounds is reported, and per delivered
 * message.
 */
final class BroadcastScenario extends Scenario {
    private Conn sender;
    private int round;
    private int received;
    private long roundStart;
    private long roundEnd;
    private long stale;
    private long delivered;

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
            delivered++;
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
        Thread.sleep(o.ports == null ? 1000 : 3000); // every server has run its onOpen (and told the cluster) by now
        CpuClock[] servers = new CpuClock[o.serverPids.length];
        double cpuBefore = 0;
        for (int i = 0; i < servers.length; i++) {
            servers[i] = CpuClock.of(o.serverPids[i]);
            cpuBefore += servers[i] == null ? 0 : servers[i].seconds();
        }
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
        if (servers.length > 0) {
            double cpu = -cpuBefore;
            for (CpuClock c : servers) {
                cpu += c == null ? 0 : c.seconds();
            }
            long d = onLoop(() -> delivered);
            r.put("servers", servers.length).put("server_cpu_s", EchoScenario.round(cpu, 2)).put("delivered", d)
                    .put("server_cpu_us_per_delivery", d == 0 ? -1 : EchoScenario.round(cpu * 1e6 / d, 2));
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
