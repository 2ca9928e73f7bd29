package dev.ondine.impl.jakarta.client;

import dev.ondine.api.client.Disconnect;
import dev.ondine.api.client.ReconnectPolicy;
import dev.ondine.api.client.Reconnecting;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.jakarta.session.SerialExecutor;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.RetryAfter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection that reconnects by itself: a small state machine over the container's
 * asynchronous connect. Every step (an attempt's start and end, a session's end, the policy's
 * decision, the status listeners) runs on one {@link SerialExecutor} over the client pool,
 * so steps never overlap and never run on a selector thread; the delays are timers on the
 * client's timer thread, which only hand the next attempt over to that executor.
 *
 * <p>A session's end is taken once its {@code onClose} has returned, so the endpoint sees
 * {@code onClose} of one session before {@code onOpen} of the next.
 */
final class Reconnector implements Reconnecting {
    private static final Logger LOG = Logger.getLogger(Reconnector.class.getName());

    private final Supplier<CompletableFuture<Session>> connect;
    private final URI uri;
    private final ReconnectPolicy policy;
    private final ClientRuntime runtime;
    private final SerialExecutor steps;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Status> stopped = new CompletableFuture<>();
    private volatile Status status;

    // Touched by steps only.
    private int attempt;
    private int opens;
    private Disconnect last;
    private CompletableFuture<Session> connecting;
    private Future<?> waiting;
    private CloseReason stopReason;

    private Reconnector(Supplier<CompletableFuture<Session>> connect, URI uri, ReconnectPolicy policy,
                        ClientRuntime runtime) {
        this.connect = connect;
        this.uri = uri;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.runtime = runtime;
        this.steps = new SerialExecutor(runtime.pool);
        this.status = new Status(State.CONNECTING, 0, Duration.ZERO, null, null, 0);
    }

    /** A reconnecting connection whose first attempt starts now. */
    static Reconnector start(Supplier<CompletableFuture<Session>> connect, URI uri, ReconnectPolicy policy,
                             ClientRuntime runtime) {
        Reconnector r = new Reconnector(connect, uri, policy, runtime);
        r.steps.execute(r::attempt);
        return r;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public void onStatus(Consumer<Status> listener) {
        Objects.requireNonNull(listener, "listener");
        steps.execute(() -> {
            listeners.add(listener);
            tell(listener, status);
        });
    }

    @Override
    public void stop() {
        stop(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void stop(CloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        steps.execute(() -> {
            if (stopReason != null || status.state() == State.STOPPED) {
                return;
            }
            stopReason = reason;
            switch (status.state()) {
                case WAITING -> {
                    waiting.cancel(false);
                    set(State.STOPPED, Duration.ZERO, null);
                }
                case CONNECTING -> {
                    if (connecting != null) {
                        connecting.cancel(false); // its end comes back as a step
                    }
                }
                case OPEN -> closeQuietly(status.session(), reason); // its end comes back as a step
                default -> {
                }
            }
        });
    }

    @Override
    public CompletableFuture<Status> stopped() {
        return stopped;
    }

    @Override
    public String toString() {
        return "Reconnecting[" + uri + ", " + status + "]";
    }

    // ---------------------------------------------------------------- steps

    private void attempt() {
        if (stopReason != null) {
            set(State.STOPPED, Duration.ZERO, null);
            return;
        }
        set(State.CONNECTING, Duration.ZERO, null);
        CompletableFuture<Session> c = connect.get();
        connecting = c;
        c.whenComplete((session, failure) -> steps.execute(() -> attempted(c, session, failure)));
    }

    private void attempted(CompletableFuture<Session> c, Session session, Throwable failure) {
        if (c != connecting) {
            return;
        }
        connecting = null;
        if (failure != null) {
            Disconnect why = disconnectOf(failure);
            if (why.failure() instanceof CancellationException) {
                // Called off by stop(): the last disconnect stays the one before it.
                set(State.STOPPED, Duration.ZERO, null);
            } else if (stopReason != null) {
                last = why;
                set(State.STOPPED, Duration.ZERO, null);
            } else if (why.failure() instanceof DeploymentException && why.kind() == Disconnect.Kind.CONNECT_FAILED) {
                // Not the network, not the server: the endpoint or the URI is wrong, and would stay so.
                last = why;
                set(State.STOPPED, Duration.ZERO, null);
            } else {
                decide(why);
            }
            return;
        }
        attempt = 0;
        opens++;
        if (stopReason != null) {
            closeQuietly(session, stopReason);
        } else {
            set(State.OPEN, Duration.ZERO, session);
        }
        ((OndineSession) session).ended().whenComplete((reason, ignored) -> steps.execute(() -> ended(reason)));
    }

    private void ended(CloseReason reason) {
        last = Disconnect.closed(reason);
        if (stopReason != null) {
            set(State.STOPPED, Duration.ZERO, null);
        } else {
            decide(last);
        }
    }

    /** Asks the policy (and its decider, application code) whether and when to try again. */
    private void decide(Disconnect why) {
        last = why;
        attempt++;
        Optional<Duration> delay;
        try {
            delay = policy.next(why, attempt, () -> ThreadLocalRandom.current().nextDouble());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The reconnect decider for " + uri + " threw: reconnecting stops", e);
            delay = Optional.empty();
        }
        if (delay.isEmpty()) {
            set(State.STOPPED, Duration.ZERO, null);
            return;
        }
        Duration d = delay.get();
        try {
            waiting = runtime.timers.schedule(() -> steps.execute(this::attempt), d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            set(State.STOPPED, Duration.ZERO, null); // the client's threads are stopping
            return;
        }
        set(State.WAITING, d, null);
    }

    private void set(State state, Duration delay, Session session) {
        Status s = new Status(state, state == State.OPEN ? 0 : attempt, delay, session, last, opens);
        status = s;
        for (Consumer<Status> l : listeners) {
            tell(l, s);
        }
        if (state == State.STOPPED) {
            stopped.complete(s);
        }
    }

    private void tell(Consumer<Status> listener, Status s) {
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A reconnect status listener for " + uri + " threw", e);
        }
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            // already closing: its end comes anyway
        }
    }

    /** What a failed attempt's exception says happened. */
    static Disconnect disconnectOf(Throwable failure) {
        Throwable f = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        HandshakeException refusal = ConnectAttempt.refusal(f);
        if (refusal != null) {
            return Disconnect.handshakeRefused(refusal.status(), RetryAfter.of(refusal.headers(), Instant.now()), f);
        }
        return Disconnect.connectFailed(f);
    }
}
