package dev.ondine.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * tinyproxy (Debian's package), run in the foreground as a process of this test on a free
 * loopback port, with a configuration written for it; stopped by its PID. A test without
 * tinyproxy is skipped ({@link ExternalPeers#tinyproxy()}).
 */
public final class Tinyproxy implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Tinyproxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts tinyproxy; with {@code user} and {@code password} it requires them (its
     * {@code BasicAuth}). A port taken between the probe and tinyproxy's bind is tried again,
     * three times at most.
     */
    public static Tinyproxy start(Path dir, String user, String password) throws Exception {
        String binary = ExternalPeers.tinyproxy();
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.closed();
            Path conf = dir.resolve("tinyproxy-" + port + ".conf");
            Path log = dir.resolve("tinyproxy-" + port + ".log");
            // No ConnectPort line: CONNECT is allowed to every port (tinyproxy's rule).
            StringBuilder c = new StringBuilder()
                    .append("Port ").append(port).append('\n')
                    .append("Listen 127.0.0.1\n")
                    .append("Allow 127.0.0.1\n")
                    .append("Timeout 30\n")
                    .append("MaxClients 20\n")
                    .append("LogLevel Info\n")
                    .append("DisableViaHeader Yes\n");
            if (user != null) {
                c.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
            }
            Files.writeString(conf, c, StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder(binary, "-d", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            Tinyproxy proxy = new Tinyproxy(p, port, log);
            if (proxy.awaitListening(10_000)) {
                return proxy;
            }
            failure = proxy.logText();
            proxy.close();
        }
        throw new IOException("tinyproxy did not start listening:\n" + failure);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** What tinyproxy logged so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitListening(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket(Proxy.NO_PROXY)) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }


    /** Stops tinyproxy by its PID (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
