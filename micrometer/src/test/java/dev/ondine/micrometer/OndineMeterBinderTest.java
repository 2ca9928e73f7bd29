package dev.ondine.micrometer;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OndineMeterBinderTest {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Map<Integer, Long> closes = new TreeMap<>();
    private final Map<Integer, Long> refused = new TreeMap<>();

    /** An endpoint whose figures are all 7 but those the test moves. */
    private EndpointMetrics endpoint() {
        return (EndpointMetrics) Proxy.newProxyInstance(EndpointMetrics.class.getClassLoader(),
                new Class<?>[] {EndpointMetrics.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> "/chat/{room}";
                    case "textMessagesReceived" -> received.get();
                    case "closes" -> new TreeMap<>(closes);
                    case "handshakes" -> Map.of(101, 3L);
                    case "protocolErrors" -> Map.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "endpoint";
                    default -> 7L;
                });
    }

    private ApplicationMetrics application(EndpointMetrics endpoint) {
        return new ApplicationMetrics() {
            @Override
            public String name() {
                return "/app";
            }

            @Override
            public List<EndpointMetrics> endpoints() {
                return List.of(endpoint);
            }

            @Override
            public Map<Integer, Long> handshakesWithoutEndpoint() {
                return new TreeMap<>(refused);
            }

            @Override
            public long broadcastsPublished() {
                return published.get();
            }

            @Override
            public long broadcastsLostByRelay() {
                return 11;
            }
        };
    }

    @Test
    void metersReadTheLiveFiguresTaggedByEndpointAndCode() {
        EndpointMetrics endpoint = endpoint();
        ApplicationMetrics app = application(endpoint);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OndineMeterBinder binder = new OndineMeterBinder(app);
        binder.bindTo(registry);

        assertEquals(7, registry.get("ondine.sessions.open").tag("endpoint", "/chat/{room}").gauge().value());
        assertEquals(0, registry.get("ondine.messages.received").tags("endpoint", "/chat/{room}", "type", "text")
                .functionCounter().count());
        received.set(5);
        assertEquals(5, registry.get("ondine.messages.received").tags("type", "text").functionCounter().count());
        assertEquals(7, registry.get("ondine.messages.received").tags("type", "binary").functionCounter().count());
        assertEquals(3, registry.get("ondine.handshakes").tags("endpoint", "/chat/{room}", "status", "101")
                .functionCounter().count());
        assertEquals(7, registry.get("ondine.peers.paused").tags("reason", "backlog_full").gauge().value());
        assertEquals(7, registry.get("ondine.reading.thread.blocked").tag("endpoint", "/chat/{room}")
                .functionCounter().count());
        assertNull(registry.find("ondine.closes").functionCounter(), "no code seen yet");

        // Codes seen later appear when the binder binds again; what was there stays.
        closes.put(1000, 2L);
        refused.put(404, 1L);
        binder.bindTo(registry);
        assertEquals(2, registry.get("ondine.closes").tags("code", "1000").functionCounter().count());
        assertEquals(1, registry.get("ondine.handshakes").tags("endpoint", OndineMeterBinder.NO_ENDPOINT, "status", "404")
                .functionCounter().count());
        closes.put(1000, 4L);
        assertEquals(4, registry.get("ondine.closes").tags("code", "1000").functionCounter().count());
        assertEquals(1, registry.find("ondine.sessions.open").gauges().size());
        assertEquals("/app", registry.get("ondine.sessions.open").gauge().getId().getTag("application"));
    }

    @Test
    void broadcastFiguresPerEndpointAndForTheApplication() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new OndineMeterBinder(application(endpoint())).bindTo(registry);
        assertEquals(7, registry.get("ondine.broadcast.dropped").tag("endpoint", "/chat/{room}").functionCounter().count());
        assertEquals(7, registry.get("ondine.broadcast.queued").tag("endpoint", "/chat/{room}").functionCounter().count());
        published.set(9);
        assertEquals(9, registry.get("ondine.broadcast.published").tag("endpoint", OndineMeterBinder.NO_ENDPOINT)
                .functionCounter().count());
        assertEquals(11, registry.get("ondine.broadcast.relay.lost").tag("application", "/app").functionCounter().count());
        assertEquals(0, registry.get("ondine.broadcast.relay.received").functionCounter().count());
    }
}
