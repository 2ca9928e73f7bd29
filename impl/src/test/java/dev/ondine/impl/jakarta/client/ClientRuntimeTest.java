package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's shared threads start with the first connection, not with a container (every
 * server container is also a client container), and stop on request: an application that
 * carries Ondine stops them when it stops.
 */
class ClientRuntimeTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();

    private static boolean clientLoopRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("ondine-client-") && !t.getName().startsWith("ondine-client-endpoint"));
    }

    private static boolean awaitNoClientLoop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (clientLoopRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return !clientLoopRunning();
    }

    @Test
    void aContainerAloneStartsNoThreadAndShutdownStopsTheThreadsAConnectionStarted() throws Exception {
        OndineClients.shutdownIfStarted();
        assertTrue(awaitNoClientLoop(), "no client loop after shutdownIfStarted");

        OndineClientContainer container = OndineClients.newContainer();
        Thread.sleep(100);
        assertFalse(clientLoopRunning(), "a container alone starts no selector thread");

        Events events = new Events();
        Session session = container.connectToServer(new RecordingEndpoint(events), server.uri("/echo"));
        assertTrue(clientLoopRunning(), "the first connection starts the shared loop");
        session.close();

        OndineClients.shutdownIfStarted();
        assertTrue(awaitNoClientLoop(), "shutdownIfStarted stops the loop");

        // A later connection starts new threads.
        Session again = container.connectToServer(new RecordingEndpoint(new Events()), server.uri("/echo"));
        assertTrue(again.isOpen());
        again.close();
    }
}
