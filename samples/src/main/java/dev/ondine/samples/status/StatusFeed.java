package dev.ondine.samples.status;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.api.metrics.OndineMetrics;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's figures for the status page, pushed over {@code /status/feed}: once per second
 * one thread (daemon, {@code ondine-samples-status}) reads the application's metrics, turns the
 * counters' deltas into rates, keeps the sample in a bounded history (the last
 * {@link #HISTORY_SAMPLES}: ten minutes) and sends it as JSON (JSON-B), encoded once, to every
 * connected page with {@code getAsyncRemote}. A page gets the history when it connects.
 *
 * <p>A slow page never holds up the others nor makes memory grow: each page has at most one
 * message on its way; while it is, the page's new samples are skipped (its chart shows a gap),
 * and a page that has taken nothing for {@link #MAX_SKIPPED} seconds is closed with 1013.
 *
 * <p>The thread starts with {@link #start} (the standalone samples: once the server listens; a
 * WAR: when the first page connects) and stops by itself at the first tick after the
 * application has left {@link OndineMetrics#applications()} (server stopped, WAR undeployed),
 * or with {@link #stop}.
 */
public final class StatusFeed {
    /** The feed's path. */
    public static final String PATH = "/status/feed";
    /** Samples kept: ten minutes at one a second. */
    public static final int HISTORY_SAMPLES = 600;
    static final long PERIOD_MILLIS = 1000;
    static final int MAX_SKIPPED = 30;
    private static final Logger LOG = Logger.getLogger(StatusFeed.class.getName());

    /** One for every feed: thread-safe and costly to make. */
    private static final class Shared {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private final SampleHistory history = new SampleHistory(HISTORY_SAMPLES);
    private final Map<Session, PageState> pages = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler; // guarded by lifecycle
    private final boolean findsItsApplication;
    private volatile ApplicationMetrics metrics;
    private Counts previous; // the scheduler thread's

    /** A feed that samples the application given to {@link #start}. */
    public StatusFeed() {
        this(false);
    }

    private StatusFeed(boolean findsItsApplication) {
        this.findsItsApplication = findsItsApplication;
    }

    /**
     * A feed that starts when the first page connects, on the one live application of
     * {@link OndineMetrics#applications()} with an endpoint {@link #PATH} (a WAR, where nothing
     * hands the feed its application).
     */
    static StatusFeed findingItsApplication() {
        return new StatusFeed(true);
    }

    /** The feed's endpoint at {@link #PATH}, each instance given this feed. */
    public ServerEndpointConfig endpointConfig() {
        StatusFeed feed = this;
        return ServerEndpointConfig.Builder.create(StatusFeedEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new StatusFeedEndpoint(feed));
                    }
                })
                .build();
    }

    /** Samples {@code application} every second from now on (nothing if already started). */
    public void start(ApplicationMetrics application) {
        synchronized (lifecycle) {
            if (scheduler != null) {
                return;
            }
            metrics = application;
            previous = null;
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ondine-samples-status");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleAtFixedRate(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the sampling thread (idempotent); the pages stay connected but get nothing more. */
    public void stop() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
    }

    /** Whether the sampling thread runs. */
    public boolean running() {
        synchronized (lifecycle) {
            return scheduler != null;
        }
    }

    /** The samples kept, oldest first. */
    public List<StatusSample> history() {
        return history.snapshot();
    }

    void join(Session session) {
        if (findsItsApplication && !running()) {
            ApplicationMetrics found = findApplication();
            if (found != null) {
                start(found);
            }
        }
        PageState page = new PageState(MAX_SKIPPED);
        page.sending(); // the history first; samples are skipped until it has gone
        pages.put(session, page);
        send(session, page, Shared.JSONB.toJson(new StatusUpdate(StatusUpdate.HISTORY, history.snapshot())));
    }

    void leave(Session session) {
        pages.remove(session);
    }

    /** In a WAR: the live application that deployed this feed (Ondine in the WAR's own class loader). */
    private static ApplicationMetrics findApplication() {
        ApplicationMetrics found = null;
        for (ApplicationMetrics a : OndineMetrics.applications()) {
            for (EndpointMetrics e : a.endpoints()) {
                if (e.path().equals(PATH)) {
                    if (found != null) {
                        return null; // several: cannot tell which
                    }
                    found = a;
                }
            }
        }
        return found;
    }

    private void tick() {
        try {
            ApplicationMetrics m = metrics;
            if (!OndineMetrics.applications().contains(m)) {
                stop(); // the server stopped, or the WAR was undeployed
                return;
            }
            StatusSample sample = sample(m, System.currentTimeMillis());
            history.add(sample);
            if (!pages.isEmpty()) {
                String json = Shared.JSONB.toJson(new StatusUpdate(StatusUpdate.SAMPLE, List.of(sample)));
                pages.forEach((session, page) -> {
                    switch (page.next()) {
                        case SEND -> send(session, page, json);
                        case SKIP -> { } // the previous sample is still on its way
                        case DROP -> {
                            pages.remove(session);
                            closeSlow(session);
                        }
                    }
                });
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Status sample failed", e); // the next tick tries again
        }
    }

    private void send(Session session, PageState page, String json) {
        try {
            session.getAsyncRemote().sendText(json, result -> page.sent());
        } catch (RuntimeException e) {
            pages.remove(session); // closed meanwhile
            page.sent();
        }
    }

    private static void closeSlow(Session session) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow for the status feed"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing a slow status page failed", e);
        }
    }

    private StatusSample sample(ApplicationMetrics m, long now) {
        EndpointMetrics t = m.totals();
        Counts c = new Counts(now, t.textMessagesReceived() + t.binaryMessagesReceived(),
                t.textMessagesSent() + t.binaryMessagesSent(),
                t.handshakes().values().stream().mapToLong(Long::longValue).sum(),
                t.wireBytesReceived(), t.wireBytesSent());
        Counts p = previous;
        previous = c;
        Map<String, Long> byEndpoint = new LinkedHashMap<>();
        for (EndpointMetrics e : m.endpoints()) {
            byEndpoint.put(e.path(), e.sessionsOpen());
        }
        if (p == null || c.time <= p.time) {
            return new StatusSample(now, t.sessionsOpen(), byEndpoint, 0, 0, 0, 0, 0);
        }
        double seconds = (c.time - p.time) / 1000.0;
        return new StatusSample(now, t.sessionsOpen(), byEndpoint,
                rate(c.in - p.in, seconds), rate(c.out - p.out, seconds), rate(c.handshakes - p.handshakes, seconds),
                rate(c.bytesIn - p.bytesIn, seconds), rate(c.bytesOut - p.bytesOut, seconds));
    }

    private static long rate(long delta, double seconds) {
        return Math.max(0, Math.round(delta / seconds));
    }

    /** The counters at one tick. */
    private record Counts(long time, long in, long out, long handshakes, long bytesIn, long bytesOut) {
    }
}
