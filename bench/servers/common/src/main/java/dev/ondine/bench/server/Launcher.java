package dev.ondine.bench.server;

import java.util.concurrent.CountDownLatch;

/**
 * The command line every load-test server shares: {@code java -jar X.jar [--host H] [--port P]}
 * (defaults 127.0.0.1, 8080). Prints exactly one line, {@code NAME listening on H:P}, once
 * the server accepts connections, and stops on SIGTERM (or Ctrl-C).
 */
public final class Launcher {

    /** Starts a server; the returned handle stops it. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(String host, int port) throws Exception;
    }

    private Launcher() {
    }

    public static void run(String name, String[] args, Starter starter) throws Exception {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: java -jar " + name + ".jar [--host H] [--port P]");
                    System.exit(2);
                }
            }
        }
        AutoCloseable server = starter.start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println(name + ": stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "bench-shutdown"));
        System.out.println(name + " listening on " + host + ":" + port
                + " (java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cpu)");
        System.out.flush();
        stopped.await();
    }
}
