package dev.ondine.samples.connect;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.api.client.Disconnect;
import dev.ondine.api.client.OndineClient;
import dev.ondine.api.client.ReconnectPolicy;
import dev.ondine.api.client.Reconnecting;
import dev.ondine.api.client.Reconnecting.State;
import dev.ondine.api.client.Reconnecting.Status;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ondine-samples.jar connect URL [options]}: a command-line WebSocket client
 * (as websocat or wscat). Each line of standard input goes out as a text message; each
 * message received is printed on standard output, one per line (binary ones as
 * {@code binary:BASE64}); the end of input closes with 1000, once the connection has been quiet
 * for {@value #QUIET_MILLIS} ms (so that the replies to the last lines are printed; at most
 * {@value #SETTLE_MAX_MILLIS} ms), and waits for the server's close (Ondine's close timeout,
 * 5 s). Diagnostics (connected, closed, reconnecting) go to
 * standard error only.
 *
 * <p>The exit status says how the connection ended: {@value #NORMAL} after a normal close
 * (1000, from either side), {@value #BAD_ARGUMENTS} for a wrong command line,
 * {@value #COULD_NOT_CONNECT} when the server could not be reached or refused the handshake,
 * {@value #ABNORMAL} when the connection ended without a closing handshake (1006),
 * {@value #OTHER_CLOSE} when it was closed with another code. With {@code --reconnect} the
 * status is that of the last connection or attempt, once reconnecting has stopped (the end
 * of input, or the policy gave up).
 */
public final class ConnectCommand {
    public static final int NORMAL = 0;
    public static final int BAD_ARGUMENTS = 2;
    public static final int COULD_NOT_CONNECT = 3;
    public static final int ABNORMAL = 4;
    public static final int OTHER_CLOSE = 5;
    /**
     * At the end of input, the close waits until nothing has been sent or received for this long
     * (at most {@link #SETTLE_MAX_MILLIS}): a server may answer a close frame at once, before its
     * endpoint has handled the messages that came before it, and the replies to the last lines
     * would then be lost.
     */
    static final long QUIET_MILLIS = 250;
    static final long SETTLE_MAX_MILLIS = 2_000;
    /** --reconnect: from 250 ms, doubling, up to 10 s (jitter 0.5). */
    static final ReconnectPolicy RECONNECT = ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(250)).maxDelay(Duration.ofSeconds(10)).build();

    private final ConnectOptions options;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private volatile LineEndpoint endpoint;
    private volatile long lastSent;
    private volatile boolean sentAny;

    private ConnectCommand(ConnectOptions options, InputStream in, PrintStream out, PrintStream err) {
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the exit status. {@code args} are those after {@code connect}. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
        ConnectOptions options;
        try {
            options = ConnectOptions.parse(args);
        } catch (ConnectOptions.BadArguments e) {
            err.println(e.getMessage());
            err.println(ConnectOptions.USAGE);
            return BAD_ARGUMENTS;
        }
        if (options.help) {
            out.println(ConnectOptions.USAGE);
            return NORMAL;
        }
        ClientEndpointConfig config;
        try {
            config = config(options);
        } catch (GeneralSecurityException e) {
            err.println("Cannot set up TLS for --insecure: " + oneLine(e));
            return BAD_ARGUMENTS;
        }
        ConnectCommand command = new ConnectCommand(options, in, out, err);
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        return options.reconnect ? command.reconnecting(OndineClient.of(container), config)
                : command.once(container, config);
    }

    /** The handshake's configuration: subprotocols, headers, proxy, TLS. */
    static ClientEndpointConfig config(ConnectOptions options) throws GeneralSecurityException {
        Map<String, List<String>> extra = options.headers;
        ClientEndpointConfig.Builder b = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(options.subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        extra.forEach((name, values) -> headers.computeIfAbsent(name, n -> new ArrayList<>())
                                .addAll(values));
                    }
                });
        if (options.insecure) {
            b.sslContext(TrustEverything.context());
        }
        ClientEndpointConfig config = b.build();
        if (options.insecure) {
            config.getUserProperties().put(ClientProperties.DISABLE_HOSTNAME_VERIFICATION, true);
        }
        if (options.proxy != null) {
            config.getUserProperties().put(ClientProperties.PROXY, options.proxy);
        }
        return config;
    }

    // ---------------------------------------------------------------- one connection

    private int once(WebSocketContainer container, ClientEndpointConfig config) throws InterruptedException {
        endpoint = new LineEndpoint(out, err);
        Session session;
        try {
            session = container.connectToServer(endpoint, config, options.uri);
        } catch (DeploymentException | IOException e) {
            err.println("Cannot connect to " + options.uri + ": " + oneLine(e));
            return COULD_NOT_CONNECT;
        }
        err.println(connected(session));
        Thread reader = daemon("stdin", () -> {
            sendLines(() -> session);
            settle();
            closeNormally(session);
        });
        reader.start();
        CloseReason reason;
        try {
            reason = endpoint.closed.get();
        } catch (ExecutionException e) {
            return ABNORMAL; // never completed exceptionally
        }
        err.println(describe(Disconnect.closed(reason)));
        return statusOf(Disconnect.closed(reason));
    }

    // ---------------------------------------------------------------- --reconnect

    private int reconnecting(OndineClient client, ClientEndpointConfig config) throws InterruptedException {
        endpoint = new LineEndpoint(out, err);
        Reconnecting connection = client.reconnect(endpoint, config, options.uri, RECONNECT);
        OpenSession open = new OpenSession();
        connection.onStatus(s -> {
            tell(s);
            open.update(s);
        });
        Thread reader = daemon("stdin", () -> {
            sendLines(new SessionSource() {
                @Override
                public Session get() throws InterruptedException {
                    return open.await();
                }

                @Override
                public void failed(Session session) {
                    open.failed(session);
                }
            });
            settle();
            connection.stop(); // the open session closes with 1000; STOPPED once its closing handshake is done
        });
        reader.start();
        Status last;
        try {
            last = connection.stopped().get();
        } catch (ExecutionException e) {
            return ABNORMAL; // never completed exceptionally
        }
        Disconnect why = last.lastDisconnect();
        return why == null ? NORMAL : statusOf(why);
    }

    /** The session lines are sent on while reconnecting: the open one, waited for between connections. */
    private static final class OpenSession {
        private Session session;
        private Session failed;
        private boolean stopped;

        synchronized void update(Status s) {
            session = s.state() == State.OPEN ? s.session() : null;
            stopped = s.state() == State.STOPPED;
            notifyAll();
        }

        /** The open session, other than one a send just failed on; null once stopped. */
        synchronized Session await() throws InterruptedException {
            while (!stopped && (session == null || session == failed)) {
                wait(); // ends with a new session or the stop, both told by update
            }
            return stopped ? null : session;
        }

        synchronized void failed(Session s) {
            failed = s;
        }
    }

    /** The diagnostics of a reconnecting connection, on standard error. */
    private void tell(Status s) {
        switch (s.state()) {
            case OPEN -> err.println(connected(s.session()));
            case WAITING -> err.println(describe(s.lastDisconnect()) + "; reconnecting in "
                    + s.delay().toMillis() + " ms (attempt " + s.attempt() + ")");
            case STOPPED -> {
                if (s.lastDisconnect() != null) {
                    err.println(describe(s.lastDisconnect()) + "; not reconnecting");
                }
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- standard input

    /** The session to send on now, or null when there will be none. */
    @FunctionalInterface
    private interface SessionSource {
        Session get() throws InterruptedException;

        /** A send on {@code session} failed: the connection is going away. */
        default void failed(Session session) {
        }
    }

    /**
     * Sends each line of standard input as a text message, until its end; a line that could not
     * be sent (the connection went away) waits for the next session, if one comes.
     */
    private void sendLines(SessionSource sessions) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            if (sessions.get() == null) {
                return;
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (!send(sessions, line)) {
                    return;
                }
            }
        } catch (IOException e) {
            err.println("Cannot read standard input: " + oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean send(SessionSource sessions, String line) throws InterruptedException {
        while (true) {
            Session session = sessions.get();
            if (session == null) {
                return false;
            }
            try {
                session.getBasicRemote().sendText(line);
                lastSent = System.nanoTime();
                sentAny = true;
                return true;
            } catch (IOException | IllegalStateException e) {
                if (!options.reconnect) {
                    err.println("Cannot send: " + oneLine(e));
                    return false;
                }
                sessions.failed(session); // the connection is going away: the next one takes the line
            }
        }
    }

    /** Waits, after the last line, until the connection has been quiet for {@value #QUIET_MILLIS} ms (bounded). */
    private void settle() {
        if (!sentAny) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MAX_MILLIS);
        long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Math.max(lastSent, endpoint.lastReceived()) + quiet - now;
                if (wait <= 0 || now - deadline >= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, deadline - now));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeNormally(Session session) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        } catch (IOException | IllegalStateException e) {
            // already closing: its end is told anyway
        }
    }

    // ---------------------------------------------------------------- statuses and messages

    /** The exit status for how the connection ended. */
    static int statusOf(Disconnect why) {
        return switch (why.kind()) {
            case CONNECT_FAILED, HANDSHAKE_REFUSED -> COULD_NOT_CONNECT;
            case CLOSED -> why.closeCode() == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode() ? NORMAL
                    : why.isAbnormal() ? ABNORMAL : OTHER_CLOSE;
        };
    }

    private String connected(Session session) {
        String p = session.getNegotiatedSubprotocol();
        return "Connected to " + options.uri + (p == null || p.isEmpty() ? "" : " (subprotocol " + p + ")");
    }

    private static String describe(Disconnect why) {
        return switch (why.kind()) {
            case CLOSED -> "Closed with " + why.closeCode() + reason(why.closeReason());
            default -> "Cannot connect: " + (why.failure() != null ? oneLine(why.failure()) : why.toString());
        };
    }

    private static String reason(CloseReason r) {
        String phrase = r.getReasonPhrase();
        return phrase == null || phrase.isEmpty() ? "" : " (" + phrase + ")";
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(Objects.requireNonNull(task), "ondine-connect-" + name);
        t.setDaemon(true);
        return t;
    }
}
