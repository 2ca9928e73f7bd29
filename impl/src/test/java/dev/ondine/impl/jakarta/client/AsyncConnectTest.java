package dev.ondine.impl.jakarta.client;

import dev.ondine.api.Limits;
import dev.ondine.api.client.OndineClient;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.testsupport.FreePorts;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OndineClient#connectAsync}: the caller's thread only hands the attempt over (the
 * configurator, the name resolution, the handshake and onOpen run elsewhere); failures are
 * the blocking connect's exceptions; cancelling closes the attempt's socket.
 */
class AsyncConnectTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();
    private final OndineClient client = OndineClient.of(OndineClients.newContainer());

    @Test
    void returnsWhileTheAttemptIsStillBeingPreparedAndRunsNothingOnTheCallersThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Thread> threads = new ConcurrentHashMap<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        threads.put("beforeRequest", Thread.currentThread());
                        await(release); // as slow as a name server that does not answer
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        threads.put("afterResponse", Thread.currentThread());
                    }
                }).build();
        Events events = new Events();
        RecordingEndpoint endpoint = new RecordingEndpoint(events) {
            @Override
            public void onOpen(Session session, EndpointConfig c) {
                threads.put("onOpen", Thread.currentThread());
                super.onOpen(session, c);
            }
        };
        // "localhost": a name to resolve, which happens on the pool too.
        URI uri = URI.create("ws://localhost:" + server.uri("/").getPort() + "/echo");
        CompletableFuture<Session> connecting = client.connectAsync(endpoint, config, uri);
        assertFalse(connecting.isDone(), "the connect waits for the configurator, not the caller");
        release.countDown();
        Session session = connecting.get(10, TimeUnit.SECONDS);
        assertTrue(session.isOpen());
        for (Map.Entry<String, Thread> e : threads.entrySet()) {
            assertNotEquals(Thread.currentThread(), e.getValue(), e.getKey() + " ran on the caller's thread");
        }
        assertEquals(3, threads.size(), threads.toString());
        ClientTestServer.assertEchoesAndCloses(session, events, "async");
    }

    @ClientEndpoint(subprotocols = "v1.ondine")
    public static class Annotated {
        final CompletableFuture<Session> opened = new CompletableFuture<>();

        @OnOpen
        public void open(Session session) {
            opened.complete(session);
        }
    }

    @Test
    void connectsAnnotatedInstancesAndClasses() throws Exception {
        Annotated instance = new Annotated();
        Session s = client.connectAsync(instance, server.uri("/echo")).get(10, TimeUnit.SECONDS);
        assertSame(s, instance.opened.get(1, TimeUnit.SECONDS), "onOpen ran before the future completed");
        assertEquals("v1.ondine", s.getNegotiatedSubprotocol(), "the annotation's configuration is used");
        s.close();
        Session t = client.connectAsync(Annotated.class, server.uri("/echo")).get(10, TimeUnit.SECONDS);
        assertTrue(t.isOpen());
        t.close();
        Session u = client.connectAsync(RecordingEndpoint.class, null, server.uri("/echo")).get(10, TimeUnit.SECONDS);
        assertEquals("open", RecordingEndpoint.CLASS_EVENTS.next());
        u.close();
        // The class's events are shared with other tests: leave none behind.
        assertEquals(1000, RecordingEndpoint.CLASS_EVENTS.next(CloseReason.class).getCloseCode().getCode());
    }

    @Test
    void failuresAreTheExceptionsOfTheBlockingConnect() throws Exception {
        Throwable refused = failure(client.connectAsync(new RecordingEndpoint(new Events()), null, server.uri("/nowhere")));
        assertInstanceOf(DeploymentException.class, refused);
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());

        Throwable notWs = failure(client.connectAsync(new RecordingEndpoint(new Events()), null,
                URI.create("http://127.0.0.1:1/")));
        assertInstanceOf(DeploymentException.class, notWs);

        Throwable notAnnotated = failure(client.connectAsync(new Object(), server.uri("/echo")));
        assertInstanceOf(DeploymentException.class, notAnnotated);

        int closedPort = FreePorts.closed();
        Throwable unreachable = failure(client.connectAsync(new RecordingEndpoint(new Events()), null,
                URI.create("ws://127.0.0.1:" + closedPort + "/")));
        assertInstanceOf(IOException.class, unreachable);
    }

    @Test
    void cancellingClosesTheAttemptsSocket() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Session> connecting = client.connectAsync(new RecordingEndpoint(new Events()), null,
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"));
            silent.setSoTimeout(10_000);
            try (Socket socket = silent.accept()) {
                socket.setSoTimeout(5_000);
                InputStream in = socket.getInputStream();
                byte[] head = new byte[4096];
                int n = in.read(head);
                assertTrue(n > 0 && new String(head, 0, n, StandardCharsets.ISO_8859_1).startsWith("GET /"),
                        "the upgrade request arrives");
                assertTrue(connecting.cancel(false));
                long start = System.nanoTime();
                try {
                    while (in.read(head) >= 0) {
                        // nothing more is sent; the end of stream follows
                    }
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the cancelled attempt kept its socket open", e);
                } catch (IOException reset) {
                    // closed: fine
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms < 5_000, "closed after " + ms + " ms");
            }
        }
    }

    @Test
    void aServerContainerOffersItThroughItsClientContainer() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> OndineClient.of(null));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            OndineClient viaServer = OndineClient.of(
                    new OndineServerContainer(Limits.defaults(), pool, OndineClients.newContainer()));
            Events events = new Events();
            Session s = viaServer.connectAsync(new RecordingEndpoint(events), null, server.uri("/echo"))
                    .get(10, TimeUnit.SECONDS);
            ClientTestServer.assertEchoesAndCloses(s, events, "via a server container");
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable failure(CompletableFuture<Session> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
        throw new AssertionError("the connect succeeded");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
