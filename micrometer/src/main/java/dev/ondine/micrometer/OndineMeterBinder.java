package dev.ondine.micrometer;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Publishes an Ondine application's figures ({@link ApplicationMetrics}) as Micrometer meters
 * that read the live figures when the registry asks (nothing is copied or polled). Every meter
 * is tagged {@code application} (its name) and {@code endpoint} (the path template; {@value #NO_ENDPOINT}
 * for handshakes that matched no endpoint). Names, as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code ondine_sessions_open} (gauge), {@code ondine_sessions_opened_total};</li>
 *   <li>{@code ondine_closes_total{code}}: sessions closed, by close code;</li>
 *   <li>{@code ondine_messages_received_total{type}}, {@code ondine_messages_sent_total{type}}
 *       ({@code type} = {@code text} or {@code binary}), and their payload,
 *       {@code ondine_payload_received_bytes_total{type}}, {@code ondine_payload_sent_bytes_total{type}};</li>
 *   <li>{@code ondine_wire_received_bytes_total}, {@code ondine_wire_sent_bytes_total}: frames on the wire;</li>
 *   <li>{@code ondine_handshakes_total{status}}: upgrade requests by the status answered (101 accepted);</li>
 *   <li>{@code ondine_protocol_errors_total{code}}: connections failed by the peer, by close code;</li>
 *   <li>{@code ondine_outgoing_queue_bytes}, {@code ondine_outgoing_queue_max_bytes} (gauges);</li>
 *   <li>{@code ondine_peers_paused{reason}} (gauge; {@code reason} = {@code outgoing_full} or {@code backlog_full});</li>
 *   <li>{@code ondine_pings_sent_total}, {@code ondine_pongs_late_total};</li>
 *   <li>{@code ondine_broadcast_queued_total}, {@code ondine_broadcast_dropped_total}: group messages
 *       queued for the endpoint's sessions, and missed by them (queue full, closing, mid-message);</li>
 *   <li>with {@code endpoint} = {@value #NO_ENDPOINT}: {@code ondine_broadcast_published_total} (group
 *       messages published on this node), {@code ondine_broadcast_relay_received_total} (brought by the
 *       relay from other nodes), {@code ondine_broadcast_relay_lost_total} (the relay lost them).</li>
 * </ul>
 *
 * <p>Status and close codes appear as they are first seen: {@link #bindTo} is idempotent and
 * cheap, so call it again before a scrape (or now and then) to publish the codes seen since;
 * the meters already registered are kept. Endpoints are those deployed at that time.
 */
public final class OndineMeterBinder implements MeterBinder {
    /** The {@code endpoint} tag of handshakes that matched no endpoint. */
    public static final String NO_ENDPOINT = "none";

    private final ApplicationMetrics application;

    public OndineMeterBinder(ApplicationMetrics application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (EndpointMetrics e : application.endpoints()) {
            bindEndpoint(registry, e, Tags.of("application", application.name(), "endpoint", e.path()));
        }
        codes(registry, "ondine.handshakes", "status", application,
                ApplicationMetrics::handshakesWithoutEndpoint,
                Tags.of("application", application.name(), "endpoint", NO_ENDPOINT),
                "Upgrade requests, by the HTTP status answered (101: accepted)");
        Tags none = Tags.of("application", application.name(), "endpoint", NO_ENDPOINT);
        counter(registry, "ondine.broadcast.published", application, ApplicationMetrics::broadcastsPublished, none,
                null, "Group messages published on this node");
        counter(registry, "ondine.broadcast.relay.received", application, ApplicationMetrics::broadcastsFromRelay,
                none, null, "Group messages the relay brought from other nodes");
        counter(registry, "ondine.broadcast.relay.lost", application, ApplicationMetrics::broadcastsLostByRelay,
                none, null, "Group messages the relay lost");
    }

    private static void bindEndpoint(MeterRegistry registry, EndpointMetrics e, Tags tags) {
        gauge(registry, "ondine.sessions.open", e, EndpointMetrics::sessionsOpen, tags, null, "Sessions open now");
        counter(registry, "ondine.sessions.opened", e, EndpointMetrics::sessionsOpened, tags, null, "Sessions opened");
        codes(registry, "ondine.closes", "code", e, EndpointMetrics::closes, tags, "Sessions closed, by close code");
        Tags text = tags.and("type", "text");
        Tags binary = tags.and("type", "binary");
        counter(registry, "ondine.messages.received", e, EndpointMetrics::textMessagesReceived, text, null,
                "Messages received");
        counter(registry, "ondine.messages.received", e, EndpointMetrics::binaryMessagesReceived, binary, null,
                "Messages received");
        counter(registry, "ondine.messages.sent", e, EndpointMetrics::textMessagesSent, text, null, "Messages sent");
        counter(registry, "ondine.messages.sent", e, EndpointMetrics::binaryMessagesSent, binary, null, "Messages sent");
        counter(registry, "ondine.payload.received", e, EndpointMetrics::textBytesReceived, text, "bytes",
                "Payload of the messages received");
        counter(registry, "ondine.payload.received", e, EndpointMetrics::binaryBytesReceived, binary, "bytes",
                "Payload of the messages received");
        counter(registry, "ondine.payload.sent", e, EndpointMetrics::textBytesSent, text, "bytes",
                "Payload of the messages sent");
        counter(registry, "ondine.payload.sent", e, EndpointMetrics::binaryBytesSent, binary, "bytes",
                "Payload of the messages sent");
        counter(registry, "ondine.wire.received", e, EndpointMetrics::wireBytesReceived, tags, "bytes",
                "Frame bytes read");
        counter(registry, "ondine.wire.sent", e, EndpointMetrics::wireBytesSent, tags, "bytes", "Frame bytes written");
        codes(registry, "ondine.handshakes", "status", e, EndpointMetrics::handshakes, tags,
                "Upgrade requests, by the HTTP status answered (101: accepted)");
        codes(registry, "ondine.protocol.errors", "code", e, EndpointMetrics::protocolErrors, tags,
                "Connections failed by the peer's protocol errors, by close code");
        gauge(registry, "ondine.outgoing.queue", e, EndpointMetrics::outgoingQueueBytes, tags, "bytes",
                "Bytes queued for the peers");
        gauge(registry, "ondine.outgoing.queue.max", e, EndpointMetrics::outgoingQueueMaxBytes, tags, "bytes",
                "The largest outgoing queue of one session");
        gauge(registry, "ondine.peers.paused", e, EndpointMetrics::peersPausedOutgoingFull,
                tags.and("reason", "outgoing_full"), null, "Sessions whose reading is paused");
        gauge(registry, "ondine.peers.paused", e, EndpointMetrics::peersPausedBacklogFull,
                tags.and("reason", "backlog_full"), null, "Sessions whose reading is paused");
        counter(registry, "ondine.pings.sent", e, EndpointMetrics::pingsSent, tags, null, "Keepalive pings sent");
        counter(registry, "ondine.pongs.late", e, EndpointMetrics::pongsLate, tags, null,
                "Keepalive pings not answered in time");
        counter(registry, "ondine.broadcast.queued", e, EndpointMetrics::broadcastsQueued, tags, null,
                "Group messages queued for the sessions");
        counter(registry, "ondine.broadcast.dropped", e, EndpointMetrics::broadcastsDropped, tags, null,
                "Group messages the sessions missed (queue full, closing, in the middle of a message)");
        counter(registry, "ondine.reading.thread.blocked", e, EndpointMetrics::readingThreadBlocked, tags, null,
                "Callbacks caught blocking the reading thread they run on (OnReadingThread)");
    }

    private static <T> void gauge(MeterRegistry registry, String name, T source, ToDoubleFunction<T> value, Tags tags,
                                  String unit, String description) {
        if (registry.find(name).tags(tags).meter() != null) {
            return; // bound before
        }
        Gauge.builder(name, source, value).tags(tags).baseUnit(unit).description(description).strongReference(true)
                .register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> value,
                                    Tags tags, String unit, String description) {
        if (registry.find(name).tags(tags).meter() != null) {
            return; // bound before
        }
        FunctionCounter.builder(name, source, value).tags(tags).baseUnit(unit).description(description)
                .register(registry);
    }

    /** One counter per key of a map-valued figure, tagged {@code tag} = the key. */
    private static <T> void codes(MeterRegistry registry, String name, String tag, T source,
                                  Function<T, Map<Integer, Long>> figure, Tags tags, String description) {
        for (Integer code : figure.apply(source).keySet()) {
            counter(registry, name, source, s -> figure.apply(s).getOrDefault(code, 0L), tags.and(tag, code.toString()),
                    null, description);
        }
    }
}
