package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.transport.ClientProxy;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIO client's CONNECT phase against scripted proxies on loopback: its own deadline, an
 * answer split into single bytes, an answer past the size limit, and what the selector is told.
 */
class NioProxyTunnelTest {
    private static final Limits LIMITS = Limits.builder().maxHandshakeHeaderBytes(1024).build();
    private NioClient client;
    private ServerSocket proxy;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<IOException> unreachable = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        client = new NioClient(1);
        proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        proxy.close();
    }

    /** Serves one connection: reads the request head, then runs {@code script} on the socket's output. */
    private void serveOnce(Script script) {
        Thread t = new Thread(() -> {
            try (Socket s = proxy.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                requests.add(head.toString());
                script.run(s.getOutputStream(), in);
            } catch (IOException | InterruptedException e) {
                // the client went
            }
        }, "scripted-proxy");
        t.setDaemon(true);
        t.start();
    }

    interface Script {
        void run(OutputStream out, InputStream in) throws IOException, InterruptedException;
    }

    private CompletableFuture<WebSocketConnection> connect(String uri, long timeoutMillis) {
        URI target = URI.create(uri);
        ClientProxy via = new ClientProxy(new InetSocketAddress("127.0.0.1", proxy.getLocalPort()), null, unreachable::add);
        return client.connect(target, new ClientHandshake(target, List.of(), List.of(), null),
                result -> Upgrade.of(new ConnectionListener() { }, LIMITS), LIMITS, timeoutMillis, null, true, via);
    }

    private static Throwable failure(CompletableFuture<WebSocketConnection> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aSilentProxyFailsAtTheConnectDeadlineAndTheSelectorIsTold() throws Exception {
        serveOnce((out, in) -> in.read()); // never answers; waits for the client to go
        long start = System.nanoTime();
        Throwable e = failure(connect("ws://unresolvable.invalid:8080/x", 500));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("proxy 127.0.0.1:" + proxy.getLocalPort() + " did not answer CONNECT unresolvable.invalid:8080"
                + " within the connect timeout (500 ms)", e.getMessage());
        assertTrue(millis >= 400 && millis < 5_000, millis + " ms");
        assertEquals("CONNECT unresolvable.invalid:8080 HTTP/1.1\r\nHost: unresolvable.invalid:8080\r\n\r\n",
                requests.poll(5, TimeUnit.SECONDS), "the target's name goes to the proxy unresolved");
        assertNotNull(unreachable.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void anAnswerInSingleBytesWithTheServersAnswerBehindIt() throws Exception {
        serveOnce((out, in) -> {
            byte[] answer = ("HTTP/1.1 200 OK\r\nProxy-Agent: scripted\r\n\r\n"
                    + "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (byte b : answer) {
                out.write(b);
                out.flush();
                Thread.sleep(1);
            }
            in.read();
        });
        Throwable e = failure(connect("ws://example.test/", 5_000));
        // The bytes after the proxy's answer reached the handshake phase: the server's 403.
        assertTrue(e.getMessage().contains("403"), e.toString());
        assertEquals(null, unreachable.poll(200, TimeUnit.MILLISECONDS), "the proxy answered: not a failure to reach it");
    }

    @Test
    void anAnswerPastTheHeadLimitIsRefused() throws Exception {
        serveOnce((out, in) -> {
            out.write(("HTTP/1.1 200 OK\r\nX-Filler: " + "a".repeat(2000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read();
        });
        Throwable e = failure(connect("wss://example.test/", 5_000));
        assertEquals("proxy 127.0.0.1:" + proxy.getLocalPort()
                + " sent a bad answer to CONNECT example.test:443: bad response from the proxy: head larger than 1024 bytes",
                e.getMessage());
    }
}
