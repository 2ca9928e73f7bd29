package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a connection attempt fails: a refused handshake is a {@link DeploymentException}
 * naming the HTTP status; a network failure or a silent server an {@link IOException},
 * within the configured connect timeout.
 */
class ClientConnectFailureTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();
    private final OndineClientContainer container = OndineClients.newContainer();

    @Test
    void anUnknownPathIsADeploymentExceptionWith404() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> connect(server.uri("/nowhere"),
                ClientEndpointConfig.Builder.create().build()));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void aRefusedOriginIsADeploymentExceptionWith403() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Origin", List.of("http://elsewhere.example"));
                    }
                }).build();
        DeploymentException e = assertThrows(DeploymentException.class, () -> connect(server.uri("/guarded"), config));
        assertTrue(e.getMessage().contains("403"), e.getMessage());
    }

    @Test
    void anUnreachablePortIsAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThrows(IOException.class, () -> connect(URI.create("ws://127.0.0.1:" + port + "/"),
                ClientEndpointConfig.Builder.create().build()));
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(OndineClientContainer.CONNECT_TIMEOUT_PROPERTY, 500L);
            long start = System.nanoTime();
            assertThrows(IOException.class,
                    () -> connect(URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"), config));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed >= 400 && elapsed < 3_000, "gave up after " + elapsed + " ms");

            // The client gives the socket up too, rather than keeping it for the default handshake time.
            try (Socket socket = accepted.get(5, TimeUnit.SECONDS)) {
                socket.setSoTimeout(3_000);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                try {
                    while (in.read(buffer) >= 0) {
                        // the upgrade request; the end of stream follows
                    }
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the client kept the connection open after its timeout", e);
                } catch (IOException reset) {
                    // closed: fine
                }
            }
        }
    }

    @Test
    void theConnectTimeoutMayBeGivenAsAString() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(OndineClientContainer.CONNECT_TIMEOUT_PROPERTY, "300");
            long start = System.nanoTime();
            assertThrows(IOException.class,
                    () -> connect(URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"), config));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed < 3_000, "gave up after " + elapsed + " ms");
        }
    }

    @Test
    void anOnOpenLongerThanTheTimeoutEndsInAnIOExceptionAndAClosedSession() throws Exception {
        Events events = new Events();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(OndineClientContainer.CONNECT_TIMEOUT_PROPERTY, 300);
        Endpoint slow = new RecordingEndpoint(events) {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
                super.onOpen(session, endpointConfig);
                sleep(1_000);
            }
        };
        assertThrows(IOException.class, () -> container.connectToServer(slow, config, server.uri("/echo")));
        assertEquals("open", events.next());
        CloseReason reason = events.next(CloseReason.class);
        assertEquals(1001, reason.getCloseCode().getCode(), "the abandoned session is closed, not left open");
    }

    @Test
    void anAfterResponseThatThrowsFailsTheConnectionWithoutOpeningIt() {
        Events events = new Events();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(jakarta.websocket.HandshakeResponse response) {
                        throw new IllegalStateException("configurator refuses");
                    }
                }).build();
        IOException e = assertThrows(IOException.class,
                () -> container.connectToServer(new RecordingEndpoint(events), config, server.uri("/echo")));
        assertTrue(String.valueOf(e.getMessage()).contains("configurator refuses"), e.getMessage());
        assertEquals(null, events.poll(), "the endpoint never opened");
    }

    @Test
    void wssToAClosedPortFailsWithAnIOException() {
        assertThrows(IOException.class, () -> connect(URI.create("wss://127.0.0.1:1/echo"),
                ClientEndpointConfig.Builder.create().build()));
    }

    @Test
    void theContainerStillConnectsAfterFailures() throws Exception {
        assertThrows(DeploymentException.class, () -> connect(server.uri("/nowhere"),
                ClientEndpointConfig.Builder.create().build()));
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        ClientTestServer.assertEchoesAndCloses(session, endpoint.events, "still here");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect(URI uri, ClientEndpointConfig config) throws DeploymentException, IOException {
        container.connectToServer(new RecordingEndpoint(new Events()), config, uri);
    }
}
