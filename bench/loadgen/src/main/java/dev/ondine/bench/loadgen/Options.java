package dev.ondine.bench.loadgen;

/** Command-line options; see {@link LoadGen#USAGE}. */
final class Options {
    String scenario = "echo";
    String label = "server";
    String host = "127.0.0.1";
    int port = 8080;
    int conns = 64;
    int size = 64;
    boolean text = true;
    int inflight = 1;
    double warmup = 5;
    double duration = 10;
    int workers = 8;
    int receivers = 10_000;
    int rounds = 5;
    int connectConcurrency = 256;
    String holdFile;
    double hold = 0;
    double openTimeout = 120;
    String sources = "auto";
    long serverPid = -1;
    /** broadcast: several servers (nodes of one cluster), receivers spread over them in turn. */
    int[] ports;
    /** broadcast: the servers' processes, for their CPU time over the rounds. */
    long[] serverPids = new long[0];
    /** permessage-deflate: off, on (offered with context takeover) or nocontext. */
    String deflate = "off";
    /** idle: echoes each connection exchanges before it goes idle. */
    int idleMessages = 0;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(LoadGen.USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--scenario" -> o.scenario = v;
                case "--label" -> o.label = v;
                case "--host" -> o.host = v;
                case "--port" -> o.port = Integer.parseInt(v);
                case "--conns" -> o.conns = Integer.parseInt(v);
                case "--size" -> o.size = Integer.parseInt(v);
                case "--type" -> o.text = switch (v) {
                    case "text" -> true;
                    case "binary" -> false;
                    default -> throw new IllegalArgumentException("--type text|binary");
                };
                case "--inflight" -> o.inflight = Integer.parseInt(v);
                case "--warmup" -> o.warmup = Double.parseDouble(v);
                case "--duration" -> o.duration = Double.parseDouble(v);
                case "--workers" -> o.workers = Integer.parseInt(v);
                case "--receivers" -> o.receivers = Integer.parseInt(v);
                case "--rounds" -> o.rounds = Integer.parseInt(v);
                case "--connect-concurrency" -> o.connectConcurrency = Integer.parseInt(v);
                case "--hold-file" -> o.holdFile = v;
                case "--hold" -> o.hold = Double.parseDouble(v);
                case "--open-timeout" -> o.openTimeout = Double.parseDouble(v);
                case "--sources" -> o.sources = v;
                case "--server-pid" -> o.serverPid = Long.parseLong(v);
                case "--ports" -> o.ports = java.util.Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--server-pids" -> o.serverPids = java.util.Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
                case "--deflate" -> {
                    if (!v.equals("off")) {
                        ClientDeflate.offer(v); // checks the mode
                    }
                    o.deflate = v;
                }
                case "--idle-messages" -> o.idleMessages = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    /** The port of the {@code index}th connection: {@code --ports} in turn, else {@code --port}. */
    int portFor(int index) {
        return ports == null ? port : ports[index % ports.length];
    }

    /** Whether sockets are bound to 127.0.0.2..250: "auto" means for every scenario but echo. */
    boolean bindSources() {
        return switch (sources) {
            case "on" -> true;
            case "off" -> false;
            default -> !scenario.equals("echo");
        };
    }
}
