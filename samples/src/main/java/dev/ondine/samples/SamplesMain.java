package dev.ondine.samples;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.nio.NioServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts Ondine's standalone server with the samples:
 * {@code java -jar samples/target/ondine-samples.jar [--host H] [--port P]}
 * (defaults 127.0.0.1 and 8080). Prints one line once it listens; stops cleanly on SIGTERM
 * or Ctrl-C, closing open sessions with 1001.
 *
 * <p>Endpoints: {@code /echo} sends every text and binary message back whole (messages up
 * to {@value #ECHO_MAX_MESSAGE_BYTES} bytes).
 */
public final class SamplesMain {
    /** The echo accepts messages well beyond the 16 MiB that conformance suites send. */
    static final int ECHO_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private SamplesMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--host") || arg.equals("--port")) && i + 1 < args.length) {
                String value = args[++i];
                if (arg.equals("--host")) {
                    host = value;
                } else {
                    port = parsePort(value);
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Usage: java -jar ondine-samples.jar [--host H] [--port P]");
                return;
            } else {
                System.err.println("Unknown argument: " + arg);
                System.err.println("Usage: java -jar ondine-samples.jar [--host H] [--port P]");
                System.exit(2);
            }
        }
        NioServer server = start(new InetSocketAddress(host, port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(5, TimeUnit.SECONDS);
            stopped.countDown();
        }, "ondine-shutdown"));
        InetSocketAddress bound = server.address();
        System.out.println("Ondine samples listening on ws://" + hostForUrl(bound) + ":" + bound.getPort() + "/echo");
        stopped.await();
    }

    /** Starts the samples server on {@code address}; used by main and by tests. */
    public static NioServer start(InetSocketAddress address) throws IOException {
        Limits handshakeLimits = Limits.fromSystemProperties();
        Limits echoLimits = handshakeLimits.toBuilder()
                .maxMessageBytes(ECHO_MAX_MESSAGE_BYTES)
                .maxFramePayloadBytes(ECHO_MAX_MESSAGE_BYTES)
                .build();
        NioServer server = new NioServer(address, (request, remote, secure) -> {
            if (request.path().equals("/echo")) {
                return Upgrade.of(new EchoListener(), echoLimits);
            }
            throw new HandshakeException(404, "No WebSocket endpoint at " + request.path());
        }, handshakeLimits, 0);
        server.start();
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
