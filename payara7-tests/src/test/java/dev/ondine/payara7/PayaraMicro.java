package dev.ondine.payara7;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Payara Micro 7 as a child process with one WAR deployed, reachable on 127.0.0.1 only:
 * <pre>
 * java -Xmx768m -Dorg.glassfish.startupThreadPolicy=USE_NO_THREADS -jar payara-micro.jar
 *      --deploy APP.war --port FREE --nohazelcast --disablephonehome
 *      --prebootcommandfile preboot.txt --rootdir WORK/root --unpackdir WORK/runtime
 * </pre>
 * <ul>
 * <li>{@code USE_NO_THREADS} ({@code AppServerStartup}): the server's start-up services one after
 * the other. Started in parallel, the default, 2 of the 86 starts of one TCK run here hung
 * for good (HK2 {@code RunLevelControllerThread}s parked on each other's locks in
 * {@code ServiceLocatorImpl}); none of the 172 of the next two runs did with this policy.</li>
 * <li>{@code --nohazelcast} alone, not with {@code --nocluster}: given both, Payara Micro 7
 * applies only {@code --nocluster} ({@code PayaraMicroImpl.configureHazelcast} is an if/else),
 * which keeps Hazelcast running and listening on 0.0.0.0:6900.</li>
 * <li>Payara Micro has no option for the HTTP address; the pre-boot command
 * {@value #LOOPBACK} binds the HTTP listener (the only one left: HTTPS and JMX are off in its
 * domain.xml) to 127.0.0.1.</li>
 * <li>{@code --disablephonehome}: no usage report to Payara.</li>
 * <li>A fresh {@code --rootdir} each start: Payara Micro keeps the deployments of a root
 * directory and redeploys them on the next start.</li>
 * </ul>
 * Ready when a GET of the application's root answers 200 (bounded by {@link #START_TIMEOUT});
 * the console goes to {@code WORK/payara-micro.log}.
 */
final class PayaraMicro implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final String LOOPBACK =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final URI base;
    private final Thread killOnExit;

    private PayaraMicro(Process process, Path log, int port, URI base) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.base = base;
        this.killOnExit = new Thread(process::destroyForcibly, "payara-micro-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static PayaraMicro start(Path java, Path jar, Path war, Path work) throws IOException, InterruptedException {
        Path root = work.resolve("root");
        deleteTree(root);
        Files.createDirectories(root);
        Path runtime = Files.createDirectories(work.resolve("runtime"));
        Path preboot = Files.writeString(work.resolve("preboot.txt"), LOOPBACK + System.lineSeparator());
        Path log = work.resolve("payara-micro.log");
        int port = freePort();
        String context = war.getFileName().toString().replaceFirst("\\.war$", "");
        List<String> command = List.of(java.toString(), "-Xmx768m", "-Dorg.glassfish.startupThreadPolicy=USE_NO_THREADS",
                "-jar", jar.toString(),
                "--deploy", war.toString(), "--port", Integer.toString(port),
                "--nohazelcast", "--disablephonehome", "--prebootcommandfile", preboot.toString(),
                "--rootdir", root.toString(), "--unpackdir", runtime.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PayaraMicro micro = new PayaraMicro(process, log, port, URI.create("http://127.0.0.1:" + port + "/" + context + "/"));
        try {
            micro.awaitApplication();
        } catch (IOException | InterruptedException | RuntimeException e) {
            micro.close();
            throw e;
        }
        return micro;
    }

    /** http://127.0.0.1:PORT/CONTEXT/ of the deployed WAR. */
    URI base() {
        return base;
    }

    /** ws://127.0.0.1:PORT/CONTEXT/PATH. */
    URI webSocket(String path) {
        return URI.create("ws" + base.toString().substring(4) + path);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The server's console output so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitApplication() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue()
                        + " before it served " + base + "; its console, " + log + ", ends with:\n" + tail());
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve " + base + " within " + START_TIMEOUT
                + "; its console, " + log + ", ends with:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM (Payara's own shutdown), at most 30 s, then killed (at once if this thread is interrupted). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
