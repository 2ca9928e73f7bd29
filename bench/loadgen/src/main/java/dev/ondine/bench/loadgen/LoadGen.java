package dev.ondine.bench.loadgen;

/**
 * The load generator's entry point. Its WebSocket client is its own (java.nio, RFC 6455
 * handshake and frames written here), so it measures every server with the same code and
 * shares none with any of them.
 */
public final class LoadGen {
    static final String USAGE = """
            Usage: java -jar loadgen.jar --scenario echo|handshakes|idle|broadcast [options]
              --host H --port P          server (127.0.0.1:8080)
              --label NAME               server name written into the results
              echo:       --conns N (64) --type text|binary (text) --size BYTES (64)
                          --inflight K (1) --warmup S (5) --duration S (10)
              handshakes: --workers C (8) --warmup S --duration S
              idle:       --conns N --hold-file PATH (hold until it exists) | --hold S
              broadcast:  --receivers R (10000) --rounds M (5) --size BYTES (64)
                          --ports P1,P2,...  receivers spread over several servers (nodes of a cluster) in
                                             turn; the sender on P[R mod n]
                          --server-pids PID1,PID2,...  the servers' CPU time over the rounds, per delivery
              --connect-concurrency N    handshakes pending at once while opening (256)
              --sources auto|on|off      bind sockets to 127.0.0.2..250 (auto: all but echo)
              --open-timeout S           (120)
              --deflate off|on|nocontext offer permessage-deflate (with context takeover, or without it
                                         on both sides); echo and idle send compressed messages of
                                         JSON-like text (results: deflate_conns, wire bytes)
              --idle-messages K          idle: each connection first exchanges K echoes of --size
              --server-pid PID           echo: also report the server's and the generator's CPU use
                                         in the window (from /proc/PID/stat; Linux)
            Prints one line 'RESULT {json}' per result on standard output, a readable copy on standard error.""";

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Result r = switch (o.scenario) {
            case "echo" -> new EchoScenario(o).execute();
            case "handshakes" -> new HandshakeScenario(o).execute();
            case "idle" -> new IdleScenario(o).execute();
            case "broadcast" -> new BroadcastScenario(o).execute();
            default -> {
                System.err.println("unknown scenario " + o.scenario);
                System.exit(2);
                yield null;
            }
        };
        System.out.println("RESULT " + r.json());
        System.err.println(r.human());
        System.exit(0);
    }
}
