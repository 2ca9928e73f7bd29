package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.session.OndineSession;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection attempt of a client container, from the caller's hand-off to the session
 * returned: its {@link #result()} completes (on the client pool, never on a selector or
 * timer thread) with the session once {@code onOpen} has returned, or with the
 * {@link DeploymentException} or {@link IOException} a blocking connect throws.
 *
 * <p>The transport's connection must be made within the connect timeout, and {@code onOpen}
 * must return within as long again. Cancelling the result, or running out of time, abandons
 * the attempt: the transport's future is cancelled (the NIO client then closes the socket,
 * whatever phase it is in) and a connection that opened anyway is closed with 1001.
 */
final class ConnectAttempt {
    private final URI uri;
    private final Executor pool;
    private final ScheduledExecutorService timers;
    private final CompletableFuture<Session> result = new CompletableFuture<>();
    private volatile CompletableFuture<WebSocketConnection> transport;
    /** Made by the handshake's answer, on the selector thread, before the transport completes. */
    private volatile OndineSession session;
    private volatile Object proxy;

    ConnectAttempt(URI uri, Executor pool, ScheduledExecutorService timers) {
        this.uri = uri;
        this.pool = pool;
        this.timers = timers;
        result.whenComplete((s, failure) -> {
            if (result.isCancelled()) {
                abandon("Connect cancelled");
            }
        });
    }

    CompletableFuture<Session> result() {
        return result;
    }

    URI uri() {
        return uri;
    }

    /** The caller gave up before the transport was asked (cancelled while being prepared). */
    boolean abandoned() {
        return result.isDone();
    }

    void session(OndineSession s) {
        this.session = s;
    }

    /** The transport is at work: bound it in time, then wait for {@code onOpen}. */
    void connecting(CompletableFuture<WebSocketConnection> connecting, long timeoutMillis) {
        transport = connecting;
        if (result.isDone()) {
            abandon("Connect cancelled");
            return;
        }
        Runnable connectTimer = schedule(timeoutMillis);
        connecting.whenComplete((connection, failure) -> {
            connectTimer.run();
            if (failure != null) {
                fail(failure);
                return;
            }
            // The endpoint's onOpen gets as long again.
            Runnable openTimer = schedule(timeoutMillis);
            session.opened().whenComplete((opened, ignored) -> {
                openTimer.run();
                complete(opened);
            });
        });
    }

    /** Sets the timeout; returns what cancels it. */
    private Runnable schedule(long timeoutMillis) {
        try {
            ScheduledFuture<?> timer = timers.schedule(() -> handOver(() -> timedOut(timeoutMillis)),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            return () -> timer.cancel(false);
        } catch (RejectedExecutionException e) {
            fail(new IOException("The client is stopping", e));
            return () -> { };
        }
    }

    /** The HTTP proxy the attempt goes through (null: direct), named if it times out. */
    void through(Object proxy) {
        this.proxy = proxy;
    }

    private void timedOut(long timeoutMillis) {
        String via = proxy == null ? "" : " through " + proxy;
        if (result.completeExceptionally(new IOException("Connecting to " + uri + via + " took more than "
                + timeoutMillis + " ms"))) {
            abandon("Connect timed out");
        }
    }

    private void complete(Session s) {
        handOver(() -> result.complete(s));
    }

    /** Fails the attempt with what a blocking connect throws for {@code t}. */
    void fail(Throwable t) {
        Exception failure = failure(uri, t);
        handOver(() -> result.completeExceptionally(failure));
    }

    /** Completes the caller's future on the pool, so that its dependent stages never run on an I/O or timer thread. */
    private void handOver(Runnable completion) {
        try {
            pool.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    /**
     * The caller has given up: the transport stops the attempt, and a connection that opens
     * anyway (or has opened, its endpoint still in onOpen) is closed, not left running without
     * an owner.
     */
    private void abandon(String reason) {
        CompletableFuture<WebSocketConnection> t = transport;
        if (t == null) {
            return; // not handed to the transport yet: connecting() sees the result done
        }
        t.cancel(false);
        t.whenComplete((connection, failure) -> {
            if (connection != null) {
                connection.close(CloseCodes.GOING_AWAY, reason);
            }
        });
    }

    /**
     * A refused handshake becomes a DeploymentException with the server's status; a
     * DeploymentException stays one; anything else is an IOException.
     */
    static Exception failure(URI uri, Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof HandshakeException h) {
            String status = h.hasStatus() ? " (HTTP status " + h.status() + ")" : "";
            return new DeploymentException("The server refused the WebSocket handshake for " + uri + status + ": "
                    + h.getMessage(), h);
        }
        if (c instanceof DeploymentException || c instanceof IOException) {
            return (Exception) c;
        }
        return new IOException("Cannot connect to " + uri + ": " + c.getMessage(), c);
    }

    /** The handshake refusal behind a connect's failure, or null. */
    static HandshakeException refusal(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof HandshakeException h) {
                return h;
            }
        }
        return null;
    }
}
