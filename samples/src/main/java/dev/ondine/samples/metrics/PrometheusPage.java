package dev.ondine.samples.metrics;

import dev.ondine.api.HttpGetHandler;
import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.micrometer.OndineMeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the server's figures in the Prometheus text format, through
 * {@code ondine-micrometer} ({@code ondine_sessions_open}, {@code ondine_messages_received_total},
 * {@code ondine_handshakes_total{status}}, {@code ondine_closes_total{code}}, ... each tagged with
 * its endpoint's path template). Answers 503 until {@link #bind} has been called (the server's
 * figures exist once it has started).
 */
public final class PrometheusPage implements HttpGetHandler {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile OndineMeterBinder binder;

    /** Publishes {@code application}'s figures from now on. */
    public void bind(ApplicationMetrics application) {
        binder = new OndineMeterBinder(application);
        binder.bindTo(registry);
    }

    @Override
    public Response handle(String target) {
        OndineMeterBinder b = binder;
        if (b == null) {
            return Response.text(503, "text/plain; charset=utf-8", "Starting\n");
        }
        b.bindTo(registry); // status and close codes seen since the last scrape
        return Response.text(200, CONTENT_TYPE, registry.scrape());
    }
}
