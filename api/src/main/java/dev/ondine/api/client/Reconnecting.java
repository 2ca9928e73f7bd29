package dev.ondine.api.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A connection that reconnects by itself ({@link OndineClient#reconnect}): where it stands,
 * and the means to stop it.
 *
 * <pre>{@code
 * Reconnecting feed = OndineClient.of(container).reconnect(endpoint, config, uri, ReconnectPolicy.defaults());
 * feed.onStatus(s -> log.info(s.state() + (s.state() == State.WAITING ? " " + s.delay() : "")));
 * ...
 * feed.stop();                            // closes the open session with 1000, tries no more
 * feed.stopped().get(10, TimeUnit.SECONDS);
 * }</pre>
 */
public interface Reconnecting {

    /** Where the connection stands. */
    enum State {
        /** An attempt is under way (name resolution, TCP, TLS, the opening handshake, {@code onOpen}). */
        CONNECTING,
        /** A session is open. */
        OPEN,
        /** An attempt failed or the session ended; the next attempt starts after {@link Status#delay()}. */
        WAITING,
        /** No more attempts: {@link #stop()} was called, or the policy decided to stop. */
        STOPPED
    }

    /**
     * A snapshot.
     *
     * @param state where the connection stands
     * @param attempt the attempt under way ({@code CONNECTING}) or waited for ({@code WAITING}),
     *        counted as {@link ReconnectDecider#decide} counts them: 0 for the first connect and
     *        while open; for {@code STOPPED}, the last one made
     * @param delay how long the next attempt waits ({@code WAITING}), else zero
     * @param session the open session ({@code OPEN}), else null
     * @param lastDisconnect the last failure or end, or null if there has been none
     * @param opens how many sessions have opened so far
     */
    record Status(State state, int attempt, Duration delay, Session session, Disconnect lastDisconnect, int opens) {
    }

    /** Where the connection stands now. */
    Status status();

    /** The open session, or null while there is none. */
    default Session session() {
        return status().session();
    }

    /**
     * Calls {@code listener} with the current status, then with every change, in order and
     * one call at a time, on one of Ondine's pool threads (never an I/O thread).
     */
    void onStatus(Consumer<Status> listener);

    /** Stops with a normal close (1000): {@link #stop(CloseReason)}. */
    void stop();

    /**
     * No more attempts: a waiting attempt is called off, one under way is abandoned (its
     * socket closed), and an open session is closed with {@code reason}. The state becomes
     * {@code STOPPED} once that session's {@code onClose} has returned (at once if none was open).
     */
    void stop(CloseReason reason);

    /** Completes with the final status once the state is {@code STOPPED}. */
    CompletableFuture<Status> stopped();
}
