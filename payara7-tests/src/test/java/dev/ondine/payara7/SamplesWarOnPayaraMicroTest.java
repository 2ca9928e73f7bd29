package dev.ondine.payara7;

import dev.ondine.impl.jakarta.client.OndineClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code samples/target/ondine-samples.war}, as {@code mvn package} builds it (Ondine and
 * {@code ondine-payara} in {@code WEB-INF/lib}), deployed to Payara Micro 7 (Jakarta EE 11,
 * WebSocket 2.2), a separate server process on 127.0.0.1 ({@link PayaraMicro}) running on a
 * Java 21+ JDK ({@link Java21}; none found: the class is skipped with the reason, {@link Java21Required}).
 */
@ExtendWith(Java21Required.class)
class SamplesWarOnPayaraMicroTest {
    private static final Logger LOG = Logger.getLogger(SamplesWarOnPayaraMicroTest.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Logged by Ondine's initializer when another implementation already serves the application. */
    private static final String ONDINE_YIELDED = "already has a ServerContainer";
    /** Logs "Registering WebSocket filter for url pattern /*" when it sets up an application. */
    private static final String TYRUS_INITIALIZER = "org.glassfish.tyrus.servlet.TyrusServletContainerInitializer";

    private static PayaraMicro server;

    @BeforeAll
    static void start() throws Exception {
        Path java = Java21Required.java();
        Path jar = Path.of(System.getProperty("ondine.payara7.jar", "target/payara-micro/payara-micro.jar"));
        Path war = Path.of(System.getProperty("ondine.samples.war", "../samples/target/ondine-samples.war"));
        assertTrue(Files.isRegularFile(jar), jar + " is copied there by the build (maven-dependency-plugin)");
        assertTrue(Files.isRegularFile(war), war + " is built by the samples module (mvn package)");
        Path work = Files.createDirectories(Path.of(System.getProperty("ondine.payara7.work", "target/payara7")));
        long started = System.nanoTime();
        server = PayaraMicro.start(java, jar, war.toAbsolutePath(), work.toAbsolutePath());
        LOG.info("Payara Micro 7 on " + java + " served " + server.base() + " after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theChatPageIsServed() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(server.base()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Ondine chat</title>") && page.body().contains("chat.js"), page.body());
    }

    @Test
    void theJdkClientGetsTextAndBinaryEchoed() throws Exception {
        WholeMessages received = new WholeMessages();
        WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(server.webSocket("echo"), received).get(20, TimeUnit.SECONDS);
        try {
            ws.sendText("text through Payara Micro 7", true).get(10, TimeUnit.SECONDS);
            assertEquals("text through Payara Micro 7", received.next());
            byte[] bytes = randomBytes(70_000); // over 64 KiB: a frame with a 64-bit length
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(bytes, (byte[]) received.next());
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ondinesClientGetsTextAndBinaryEchoed() throws Exception {
        WebSocketContainer client = ContainerProvider.getWebSocketContainer();
        assertInstanceOf(OndineClientContainer.class, client);
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        Session session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    received.add(copy);
                });
            }
        }, ClientEndpointConfig.Builder.create().build(), server.webSocket("echo"));
        try {
            session.getBasicRemote().sendText("Ondine to Ondine through Payara Micro 7");
            assertEquals("Ondine to Ondine through Payara Micro 7", received.poll(10, TimeUnit.SECONDS));
            byte[] bytes = randomBytes(70_000);
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
            assertArrayEquals(bytes, (byte[]) received.poll(10, TimeUnit.SECONDS));
        } finally {
            session.close();
        }
    }

    /**
     * The samples WAR has no endpoint that names its session class, but its secure echo tells the
     * implementations apart: its configurator refuses a handshake without the token by throwing
     * Ondine's {@code HandshakeRejection(401)} with {@code WWW-Authenticate: Bearer realm="ondine-samples"},
     * which only Ondine turns into that answer. (The same WAR without {@code ondine-payara} is
     * served by Tyrus on Payara Micro 7, and this handshake gets a 500 with the exception in
     * the page.) The console must not show Tyrus's initializer setting the application up nor
     * Ondine's initializer giving way to another implementation.
     */
    @Test
    void ondineNotTyrusServesTheApplication() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(server.webSocket("secure"), new WholeMessages()).get(20, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
        assertEquals(Optional.of("Bearer realm=\"ondine-samples\""),
                handshake.getResponse().headers().firstValue("WWW-Authenticate"));
        String console = server.log();
        assertFalse(console.contains(TYRUS_INITIALIZER), "Payara's console shows Tyrus's initializer at work");
        assertFalse(console.contains(ONDINE_YIELDED), "Ondine's initializer found another ServerContainer");
    }

    /**
     * Every socket the server process listens on (TCP) or has bound (UDP) is on a loopback
     * address, and the HTTP port is among them. Read from /proc, so Linux only. (With
     * {@code --nocluster}, Hazelcast listened on 0.0.0.0:6900: {@link PayaraMicro}.)
     */
    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        assumeTrue(ListeningSockets.available(), "no " + ListeningSockets.PROC_NET + "/tcp to read (not Linux)");
        List<InetSocketAddress> sockets = ListeningSockets.of(server.pid());
        LOG.info("Payara Micro (pid " + server.pid() + ") listens on " + sockets);
        assertTrue(sockets.stream().anyMatch(a -> a.getPort() == server.port()), sockets.toString());
        assertTrue(sockets.stream().allMatch(a -> a.getAddress().isLoopbackAddress()), sockets.toString());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
