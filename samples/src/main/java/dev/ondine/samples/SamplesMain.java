package dev.ondine.samples;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.samples.chat.ChatEndpoint;
import dev.ondine.samples.echo.EchoEndpoint;
import dev.ondine.samples.metrics.PrometheusPage;
import dev.ondine.samples.secure.SecureEchoEndpoint;
import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Ondine's standalone server with the samples:
 * {@code java -jar samples/target/ondine-samples.jar [--host H] [--port P]}
 * (defaults 127.0.0.1 and 8080). With {@code --tls-keystore PATH --tls-password P} (a PKCS#12
 * or JKS key store) or {@code --tls-cert CHAIN.pem --tls-key KEY.pem} (PKCS#8) it serves
 * {@code wss://} instead. Prints one line once it listens; stops cleanly on SIGTERM
 * or Ctrl-C, closing open sessions with 1001.
 *
 * <ul>
 *   <li>{@code /echo}: every text and binary message back whole (up to 64 MiB);</li>
 *   <li>{@code /chat/{room}?user=NAME}: JSON chat rooms;</li>
 *   <li>{@code /secure?token=TOKEN}: an echo behind token authentication (401 without it);</li>
 *   <li>{@code /}: the chat page, for a browser;</li>
 *   <li>{@code GET /metrics}: the server's figures in the Prometheus text format.</li>
 * </ul>
 */
public final class SamplesMain {
    private static final String USAGE = "Usage: java -jar ondine-samples.jar [--host H] [--port P]"
            + " [--tls-keystore PATH --tls-password P | --tls-cert CHAIN.pem --tls-key KEY.pem]";
    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--host", "--port", "--tls-keystore",
            "--tls-password", "--tls-cert", "--tls-key");

    private SamplesMain() {
    }

    public static void main(String[] args) throws IOException, DeploymentException, InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        String keyStore = null;
        String password = "";
        String cert = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (OPTIONS.contains(arg) && i + 1 < args.length) {
                String value = args[++i];
                switch (arg) {
                    case "--host" -> host = value;
                    case "--port" -> port = parsePort(value);
                    case "--tls-keystore" -> keyStore = value;
                    case "--tls-password" -> password = value;
                    case "--tls-cert" -> cert = value;
                    default -> key = value;
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                return;
            } else {
                System.err.println("Unknown argument: " + arg);
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        TlsConfig tls = null;
        if (keyStore != null) {
            tls = TlsConfig.keyStore(Path.of(keyStore), password.toCharArray());
        } else if (cert != null || key != null) {
            if (cert == null || key == null) {
                System.err.println("--tls-cert and --tls-key go together");
                System.exit(2);
            }
            tls = TlsConfig.pem(Path.of(cert), Path.of(key));
        }
        OndineServer server = start(host, port, tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "ondine-shutdown"));
        InetSocketAddress bound = server.address();
        System.out.println("Ondine samples listening on " + (tls != null ? "wss" : "ws") + "://" + hostForUrl(bound) + ":" + bound.getPort() + "/echo");
        stopped.await();
    }

    /** Starts the samples on {@code host}:{@code port} (0: any free port); used by main and by tests. */
    public static OndineServer start(String host, int port) throws IOException, DeploymentException {
        return start(host, port, null);
    }

    /** Starts the samples, over TLS when {@code tls} is not null. */
    public static OndineServer start(String host, int port, TlsConfig tls) throws IOException, DeploymentException {
        Limits limits = Limits.fromSystemProperties().toBuilder()
                .maxFramePayloadBytes(EchoEndpoint.MAX_MESSAGE_BYTES)
                .build();
        OndineServer.Builder builder = OndineServer.builder()
                .host(host)
                .port(port)
                .limits(limits)
                .endpoint(EchoEndpoint.class, ChatEndpoint.class, SecureEchoEndpoint.class)
                .staticResources("static");
        PrometheusPage metrics = new PrometheusPage();
        builder.httpGet("/metrics", metrics);
        if (tls != null) {
            builder.tls(tls);
        }
        OndineServer server = builder.start();
        metrics.bind(server.metrics());
        return server;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            System.err.println("Not a port: " + value);
            System.exit(2);
            return -1;
        }
    }

    private static String hostForUrl(InetSocketAddress address) {
        String h = address.getHostString();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
}
