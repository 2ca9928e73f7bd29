package dev.ondine.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts an endpoint in to running its callbacks on the thread that read the bytes, Ondine's
 * selector thread, instead of handing them to the container's pool. Put it on a
 * {@code @ServerEndpoint} or {@code @ClientEndpoint} class, or on an {@code Endpoint}
 * subclass; or set the user property {@value #PROPERTY} to {@code true} (a {@code Boolean} or
 * the string) in the endpoint's {@code ServerEndpointConfig} or {@code ClientEndpointConfig}
 * (a configurator's {@code modifyHandshake} may set it per connection). The property, when
 * present, wins over the annotation: {@code false} keeps an annotated endpoint pooled. Off by
 * default.
 *
 * <pre>{@code
 * @OnReadingThread
 * @ServerEndpoint("/echo")
 * public class Echo {
 *     @OnMessage
 *     public String echo(String message) {
 *         return message; // never blocks: fits the reading thread
 *     }
 * }
 *
 * ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Ticker.class, "/ticks").build();
 * config.getUserProperties().put(OnReadingThread.PROPERTY, true);
 * }</pre>
 *
 * <p><b>What changes.</b> {@code onOpen}, message handlers, pong handlers, {@code onError} and
 * {@code onClose} run on the reading thread, in order, without the hand-off to a pool thread
 * (they save a thread switch per message, which is most of the cost of a small echo). A
 * blocking send ({@code getBasicRemote().sendText}, its streams, pings, pongs, an
 * {@code @OnMessage} method's return value) made from such a callback never waits for the
 * socket: it returns once its frame is queued, and the frames a read produces leave together
 * when the read is done. A send made there while the session's outgoing queue already holds
 * {@link Limits#MAX_OUTGOING_QUEUE} bytes fails at once with an {@code IOException} (blocking
 * send) or a failed result (asynchronous send), and the peer's reading is paused until it has
 * taken half of the queue (the slow-consumer close, {@link Limits#SLOW_CONSUMER_CLOSE},
 * applies as usual). {@code SendHandler}s still run on the pool. Sends from other threads are
 * unchanged. A {@code Future} of an asynchronous send made on the reading thread writes what
 * is queued when its {@code get} is called there, so that waiting for it does not wait for
 * the end of the read. Pings, pongs, the closing handshake, idle timeouts and keepalive work
 * as in the pooled mode.
 *
 * <p><b>The rule that comes with it: never block.</b> One selector thread serves many
 * connections; a callback that sleeps, waits for a lock, a {@code Future}, a database or
 * anything else stalls every connection of that thread while it waits. Ondine watches: a
 * callback still running after {@value #BLOCKED_MILLIS_PROPERTY} milliseconds (a system
 * property; {@value #DEFAULT_BLOCKED_MILLIS} by default) is reported with a WARNING naming
 * the endpoint (class and path) and showing where the thread is, at most once a minute per
 * endpoint, and counted ({@code EndpointMetrics.readingThreadBlocked()}, the MXBean attribute
 * {@code ReadingThreadBlocked}, {@code ondine_reading_thread_blocked_total}); a thread that
 * was only waiting for a CPU on an overloaded host is told apart (by its state and CPU time)
 * and not blamed. The watchdog can report, not un-block: the connections of that thread wait until the callback returns.
 * So that it does not happen again, an endpoint caught blocking runs all its later callbacks,
 * on every connection, on the pool for the rest of the run, as if it had not opted in.
 *
 * <p><b>Where it applies.</b> Ondine's own transport (the standalone server and the client).
 * On a servlet container the bytes are read by the container's threads, which Ondine neither
 * owns nor can watch over, and the endpoint's callbacks stay on the application's pool.
 * A session whose endpoint registers a {@code Reader} or {@code InputStream} message handler
 * (a stream the handler reads while the message arrives, which the reading thread itself must
 * fill) moves to the pool when such a message begins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnReadingThread {

    /**
     * The endpoint configuration's user property that opts in ({@code true}) or out
     * ({@code false}), a {@code Boolean} or a string; it wins over the annotation.
     */
    String PROPERTY = "ondine.onReadingThread";

    /**
     * The system property (milliseconds) past which a callback still running on the reading
     * thread is reported as blocking it; read once, when the first such callback runs.
     */
    String BLOCKED_MILLIS_PROPERTY = "ondine.readingThreadBlockedMillis";

    /** The default of {@link #BLOCKED_MILLIS_PROPERTY}. */
    long DEFAULT_BLOCKED_MILLIS = 100;
}
