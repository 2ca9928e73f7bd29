package dev.ondine.samples;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.samples.chat.ChatEndpoint;
import dev.ondine.samples.chat.ChatNode;
import dev.ondine.samples.cluster.ClusterNode;
import dev.ondine.samples.connect.ConnectCommand;
import dev.ondine.samples.echo.EchoEndpoint;
import dev.ondine.samples.metrics.PrometheusPage;
import dev.ondine.samples.secure.SecureEchoEndpoint;
import dev.ondine.samples.status.StatusFeed;
import dev.ondine.samples.status.StatusPage;
import jakarta.websocket.DeploymentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Ondine's standalone server with the samples:
 * {@code java -jar samples/target/ondine-samples.jar [--host H] [--port P]}
 * (defaults 127.0.0.1 and 8080). With {@code --tls-keystore PATH} (a PKCS#12 or JKS key store;
 * its password from {@code --tls-password P}, {@code --tls-password-env NAME} or
 * {@code --tls-password-file PATH}) or {@code --tls-cert CHAIN.pem --tls-key KEY.pem} (PKCS#8)
 * it serves {@code wss://} instead. With {@code --cluster HOST:FIRST-LAST} (or {@code HOST:PORT}) it
 * is one node of a cluster: a Hazelcast member binds the first free port of that range on HOST and
 * joins the others of the range over TCP/IP, and the chat rooms span every node
 * ({@link ClusterNode}); it then prints a line about the cluster before the usual one. Prints one
 * line once it listens; stops cleanly on SIGTERM or Ctrl-C, closing open sessions with 1001.
 * {@code --version} prints the version.
 * {@code connect URL [options]} is a command-line client instead ({@link ConnectCommand}).
 *
 * <p>A wrong argument, a port in use, an unknown host, an unreadable key store or a wrong
 * password is told in one line on standard error, and the exit status is 2.
 *
 * <ul>
 *   <li>{@code /echo}: every text and binary message back whole (up to 64 MiB);</li>
 *   <li>{@code /chat/{room}?user=NAME}: JSON chat rooms;</li>
 *   <li>{@code /secure?token=TOKEN}: an echo behind token authentication (401 without it);</li>
 *   <li>{@code /}: the chat page, for a browser;</li>
 *   <li>{@code GET /metrics}: the server's figures in the Prometheus text format;</li>
 *   <li>{@code /status}: a live status page, fed by {@code /status/feed}.</li>
 * </ul>
 */
public final class SamplesMain {
    /** Exit status of a wrong argument or of a server that cannot start as asked. */
    static final int BAD_SETUP = 2;
    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar ondine-samples.jar [--host H] [--port P]",
            "         [--tls-keystore PATH (--tls-password P | --tls-password-env NAME | --tls-password-file PATH)",
            "          | --tls-cert CHAIN.pem --tls-key KEY.pem] [--cluster HOST:FIRST-LAST]",
            "       java -jar ondine-samples.jar --version | --help",
            "       java -jar ondine-samples.jar connect URL [options]   (a command-line client: connect --help)");
    private static final Set<String> OPTIONS = Set.of("--host", "--port", "--tls-keystore", "--tls-password",
            "--tls-password-env", "--tls-password-file", "--tls-cert", "--tls-key", "--cluster");

    private SamplesMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("connect")) {
            // The command-line client: messages on standard output in UTF-8, whatever the platform's default.
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            int status = ConnectCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, out, System.err);
            out.flush();
            System.exit(status);
        }
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the samples as {@code main} does, until the JVM shuts down; returns at once, with
     * the exit status, for {@code --help}, {@code --version} and every error (one line on
     * {@code err}). {@code env} gives the environment variables ({@code --tls-password-env}).
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (BadSetup e) {
            err.println(e.getMessage());
            if (e.showUsage) {
                err.println(USAGE);
            }
            return BAD_SETUP;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        if (options.version) {
            out.println("Ondine samples " + version());
            return 0;
        }
        OndineServer server;
        try {
            TlsConfig tls = options.tls();
            server = start(options.host, options.port, tls);
        } catch (BadSetup e) {
            err.println(e.getMessage());
            return BAD_SETUP;
        } catch (IOException | UncheckedIOException | UnresolvedAddressException e) {
            err.println(listenFailure(options.host, options.port, e));
            return BAD_SETUP;
        } catch (DeploymentException | RuntimeException e) {
            err.println("Cannot start the samples: " + oneLine(e));
            return 1;
        }
        InetSocketAddress bound = server.address();
        String authority = hostForUrl(bound) + ":" + bound.getPort();
        boolean secure = options.secure();
        ChatNode.set(authority, java.util.List::of);
        ClusterNode cluster = null;
        if (options.cluster != null) {
            try {
                cluster = ClusterNode.join(options.cluster, server, (secure ? "https" : "http") + "://" + authority + "/");
            } catch (RuntimeException e) {
                server.stop();
                err.println("Cannot join the cluster " + options.cluster + ": " + oneLine(e));
                return BAD_SETUP;
            }
            out.println("Cluster node: Hazelcast member " + cluster.memberAddress() + ", " + cluster.size()
                    + " member(s) in the cluster");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ClusterNode node = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (node != null) {
                node.close();
            }
            stopped.countDown();
        }, "ondine-shutdown"));
        out.println("Ondine samples listening on " + (secure ? "wss" : "ws") + "://" + authority + "/echo"
                + " (page: " + (secure ? "https" : "http") + "://" + authority + "/)");
        stopped.await();
        return 0;
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
        StatusFeed status = new StatusFeed();
        builder.endpoint(status.endpointConfig()).httpGet("/status", new StatusPage());
        if (tls != null) {
            builder.tls(tls);
        }
        OndineServer server = builder.start();
        metrics.bind(server.metrics());
        status.start(server.metrics());
        return server;
    }

    private static String hostForUrl(InetSocketAddress address) {
        String h = address.getHostString();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    /** The project's version, from the runnable jar's manifest (or the Maven metadata beside the classes). */
    static String version() {
        String v = SamplesMain.class.getPackage().getImplementationVersion();
        if (v == null) {
            try (InputStream in = SamplesMain.class.getResourceAsStream("/META-INF/maven/dev.ondine/ondine-samples/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    v = p.getProperty("version");
                }
            } catch (IOException e) {
                v = null;
            }
        }
        return v != null ? v : "(version unknown: not run from its jar)";
    }

    /** Why the server could not listen on {@code host}:{@code port}, in one line. */
    static String listenFailure(String host, int port, Exception e) {
        String where = "Cannot listen on " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + ": ";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return where + "unknown host " + host;
            }
            if (t instanceof BindException && t.getMessage() != null) {
                return where + lowerFirst(t.getMessage().replaceFirst(" \\(Bind failed\\)$", ""));
            }
        }
        return where + oneLine(e);
    }

    /** Why the TLS set-up failed, in one line that names the file. */
    static String tlsFailure(String what, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException) {
                return "Cannot open " + what + ": wrong password";
            }
            if (t instanceof NoSuchFileException) {
                return "Cannot read " + what + ": no such file";
            }
            if (t instanceof AccessDeniedException) {
                return "Cannot read " + what + ": permission denied";
            }
        }
        Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("Cannot set up TLS")
                ? e.getCause() : e;
        String m = cause.getMessage();
        return "Cannot open " + what + ": " + (m == null || m.isBlank()
                ? "unreadable or damaged file" : oneLine(cause));
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A wrong argument, or a setting that cannot be used; its message is the one line to print. */
    static final class BadSetup extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean showUsage;

        BadSetup(String message, boolean showUsage) {
            super(message, null, false, false);
            this.showUsage = showUsage;
        }
    }

    /** The command line, checked. */
    static final class Options {
        String host = "127.0.0.1";
        int port = 8080;
        String keyStore;
        String cert;
        String key;
        char[] password = new char[0];
        String passwordSource;
        String cluster;
        boolean help;
        boolean version;

        static Options parse(String[] args, Map<String, String> env) throws BadSetup {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (OPTIONS.contains(arg)) {
                    if (i + 1 >= args.length) {
                        throw new BadSetup(arg + " needs a value", true);
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--host" -> o.host = value;
                        case "--port" -> o.port = parsePort(value);
                        case "--tls-keystore" -> o.keyStore = value;
                        case "--tls-cert" -> o.cert = value;
                        case "--tls-key" -> o.key = value;
                        case "--cluster" -> o.cluster = cluster(value);
                        default -> o.password(arg, value, env);
                    }
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    o.help = true;
                } else if (arg.equals("--version")) {
                    o.version = true;
                } else {
                    throw new BadSetup("Unknown argument: " + arg, true);
                }
            }
            if (o.keyStore != null && (o.cert != null || o.key != null)) {
                throw new BadSetup("--tls-keystore and --tls-cert/--tls-key are alternatives: give one", true);
            }
            if ((o.cert == null) != (o.key == null)) {
                throw new BadSetup("--tls-cert and --tls-key go together", true);
            }
            if (o.passwordSource != null && o.keyStore == null) {
                throw new BadSetup(o.passwordSource + " is the password of --tls-keystore, which is missing", true);
            }
            return o;
        }

        private void password(String option, String value, Map<String, String> env) throws BadSetup {
            if (passwordSource != null) {
                throw new BadSetup(passwordSource + " and " + option + " both give the key store's password: give one", true);
            }
            passwordSource = option;
            switch (option) {
                case "--tls-password" -> password = value.toCharArray();
                case "--tls-password-env" -> {
                    String p = env.get(value);
                    if (p == null) {
                        throw new BadSetup("Environment variable " + value + " (--tls-password-env) is not set", false);
                    }
                    password = p.toCharArray();
                }
                default -> {
                    try {
                        String p = Files.readString(Path.of(value));
                        password = p.replaceFirst("\\r?\\n$", "").toCharArray();
                    } catch (IOException e) {
                        throw new BadSetup(tlsFailure("password file " + value, e), false);
                    } catch (InvalidPathException e) {
                        throw new BadSetup("Cannot read password file " + value + ": " + e.getReason(), false);
                    }
                }
            }
        }

        /** {@code --cluster}'s value, checked: {@code HOST:PORT} or {@code HOST:FIRST-LAST}. */
        private static String cluster(String value) throws BadSetup {
            try {
                ClusterNode.check(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new BadSetup("--cluster: " + e.getMessage(), false);
            }
        }

        private static int parsePort(String value) throws BadSetup {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            throw new BadSetup("Not a port: " + value + " (0 to 65535)", true);
        }

        boolean secure() {
            return keyStore != null || cert != null;
        }

        /** The TLS settings, loaded once here so that a bad file or password is told as such; null: none. */
        TlsConfig tls() throws BadSetup {
            if (!secure()) {
                return null;
            }
            String what = keyStore != null ? "key store " + keyStore : "certificate " + cert + " or key " + key;
            try {
                TlsConfig tls = keyStore != null ? TlsConfig.keyStore(Path.of(keyStore), password)
                        : TlsConfig.pem(Path.of(cert), Path.of(key));
                tls.createSslContext();
                return tls;
            } catch (IOException | RuntimeException e) {
                throw new BadSetup(tlsFailure(what, e), false);
            }
        }
    }
}
