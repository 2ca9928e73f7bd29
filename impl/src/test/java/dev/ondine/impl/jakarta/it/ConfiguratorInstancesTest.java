package dev.ondine.impl.jakarta.it;

import dev.ondine.api.OndineServer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @ServerEndpoint.configurator}: "the implementation creates a new instance of the
 * configurator per logical endpoint" — one per deployed endpoint, not one per connection
 * and none more (the TCK's {@code serverendpoint} tests count constructor calls).
 */
class ConfiguratorInstancesTest {

    static final AtomicInteger CREATED = new AtomicInteger();

    /** Counts its instances. */
    public static class Counting extends ServerEndpointConfig.Configurator {
        public Counting() {
            CREATED.incrementAndGet();
        }
    }

    /** Answers with the number of configurators made so far. */
    @ServerEndpoint(value = "/count-one", configurator = Counting.class)
    public static class First {
        @OnMessage
        public String count(String ignored) {
            return String.valueOf(CREATED.get());
        }
    }

    /** The same, a second logical endpoint. */
    @ServerEndpoint(value = "/count-two", configurator = Counting.class)
    public static class Second {
        @OnMessage
        public String count(String ignored) {
            return String.valueOf(CREATED.get());
        }
    }

    @Test
    void oneConfiguratorPerLogicalEndpoint() throws Exception {
        CREATED.set(0);
        OndineServer server = RunningServer.start(b -> b.endpoint(First.class, Second.class));
        try {
            for (int i = 0; i < 2; i++) {
                try (EventClient one = EventClient.connect(RunningServer.uri(server, "/count-one"));
                     EventClient two = EventClient.connect(RunningServer.uri(server, "/count-two"))) {
                    assertEquals("2", one.ask("any"));
                    assertEquals("2", two.ask("any"));
                }
            }
        } finally {
            server.stop();
        }
    }
}
