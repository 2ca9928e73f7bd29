package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.jakarta.annotated.AnnotatedEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls into one session's endpoint lifecycle: {@code onOpen}, {@code onError},
 * {@code onClose} (Jakarta WebSocket 2.2 §2.1.1, §2.1.5), on the session's executor so that
 * they never overlap with its message handlers and keep their order (§5.1), and never run
 * on a selector thread unless the endpoint opted in ({@link dev.ondine.api.OnReadingThread}:
 * the executor then runs them on the reading thread). Where a step runs no application code (an annotated endpoint without
 * {@code @OnOpen}, or without {@code @OnClose} and coders to destroy) it runs on the calling
 * thread when the executor is idle: no hand-off without application code.
 *
 * <p>It also keeps where the session stands: opened (the future completes once
 * {@code onOpen} has returned or thrown) and closed ({@code onClose} has returned: from then
 * the session is no longer open and its methods throw).
 */
final class EndpointLifecycle {
    private static final Logger LOG = Logger.getLogger(EndpointLifecycle.class.getName());

    private final Session session;
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final SerialExecutor serial;
    /** What ends with the session once {@code onClose} has returned (registry, coders). */
    private final Runnable release;
    private final boolean closingRunsApplicationCode;
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> ended = new CompletableFuture<>();
    private volatile boolean closed;

    /**
     * @param codersToDestroy whether the session's encoders or decoders have a {@code destroy}
     *        to call at the close (application code)
     */
    EndpointLifecycle(Session session, Endpoint endpoint, EndpointConfig config, SerialExecutor serial,
                      boolean codersToDestroy, Runnable release) {
        this.session = session;
        this.endpoint = endpoint;
        this.config = config;
        this.serial = serial;
        this.release = release;
        this.closingRunsApplicationCode = codersToDestroy
                || !(endpoint instanceof AnnotatedEndpoint a) || a.hasCloseMethod();
    }

    CompletableFuture<Session> opened() {
        return opened;
    }

    /** Completes with what {@code onClose} was told, once it has returned. */
    CompletableFuture<CloseReason> ended() {
        return ended;
    }

    /** {@code onClose} has returned. */
    boolean closed() {
        return closed;
    }

    /** The connection is open: {@code onOpen}. */
    void open() {
        if (endpoint instanceof AnnotatedEndpoint a && !a.hasOpenMethod()) {
            // No @OnOpen: opening only applies limits and registers handlers, done here
            // without a hand-off. Should it fail, @OnError (application code) runs on the pool.
            serial.executeHereIfIdle(() -> {
                try {
                    a.onOpen(session, config);
                } catch (Throwable t) {
                    serial.execute(() -> error(t));
                } finally {
                    opened.complete(session);
                }
            });
        } else {
            serial.execute(() -> {
                try {
                    endpoint.onOpen(session, config);
                } catch (Throwable t) {
                    error(t);
                } finally {
                    opened.complete(session);
                }
            });
        }
    }

    /** An error of the connection, reported to {@code onError} after what is queued. */
    void connectionError(Throwable error) {
        serial.execute(() -> error(error));
    }

    /** An exception from user code, or from the connection: to the endpoint's {@code onError} (§2.1.5); on the executor. */
    void error(Throwable t) {
        try {
            endpoint.onError(session, t);
        } catch (Throwable again) {
            LOG.log(Level.WARNING, "onError of " + endpoint.getClass().getName() + " threw", again);
            again.addSuppressed(t);
        }
    }

    /** The connection has ended with {@code code}: {@code onClose}, after the messages before it. */
    void close(int code, String reason) {
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        Runnable close = () -> {
            try {
                endpoint.onClose(session, closeReason);
            } catch (Throwable t) {
                error(t);
            } finally {
                closed = true;
                opened.complete(session);
                try {
                    release.run();
                } finally {
                    ended.complete(closeReason);
                }
            }
        };
        if (closingRunsApplicationCode) {
            serial.execute(close);
        } else {
            // No @OnClose and no coders to destroy: once the messages before it are handled,
            // closing is bookkeeping only, done here when the executor is idle.
            serial.executeHereIfIdle(close);
        }
    }
}
