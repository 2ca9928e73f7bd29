package dev.ondine.impl.security;

import dev.ondine.api.Limits;
import dev.ondine.impl.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ondine.impl.security.Hostile.KiB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile handshakes (RFC 6455 §4.2) against a running server, each answered with its HTTP
 * status and a closed socket, while a well-behaved session beside them keeps its echo.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HandshakeAttacksTest {
    private static StandaloneServer server;
    private static Wire good;
    private long heapBefore;

    @BeforeAll
    static void start() throws Exception {
        server = Hostile.start(Hostile.limits().build(), Hostile.Echo.class);
        good = Wire.open(server.address(), "/echo");
    }

    @AfterAll
    static void stop() {
        if (good != null) {
            good.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void measure() {
        heapBefore = Hostile.usedHeap();
    }

    @AfterEach
    void serverStillServes() throws Exception {
        Hostile.assertStillServing(good, server);
        Hostile.assertHeapBounded(heapBefore, 16L * Hostile.MiB, "handshake attack");
    }

    /** Sends {@code request} on a fresh socket; returns the response head once the server has closed. */
    private static String answer(String request) throws IOException {
        try (Wire w = new Wire(server.address())) {
            w.send(request);
            String head = w.readHead();
            assertTrue(w.endsWithin(3000), "the server closes after " + head);
            return head;
        }
    }

    @Test
    void malformedRequestsGet400() throws IOException {
        String noKey = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        List<String> requests = List.of(
                "GARBAGE\r\n\r\n",
                "\u0000\u0001\u0002\u00ff\u00fe binary junk\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost 127.0.0.1 without a colon\r\n\r\n",
                noKey,
                Wire.request("/echo").replace(Wire.KEY, "c2hvcnQ="),                  // key not 16 bytes
                Wire.request("/echo").replace("HTTP/1.1", "HTTP/1.0"),
                Wire.request("/echo").replace("Host: 127.0.0.1\r\n", ""),
                Wire.request("/echo", "Host: evil.example"),                             // two Hosts
                Wire.request("/echo").replace("Upgrade: websocket", "Upgrade: h2c"),
                Wire.request("/echo").replace("Connection: Upgrade", "Connection: keep-alive"),
                Wire.request("/echo", "Origin: http://127.0.0.1", "Origin: http://127.0.0.1"),
                Wire.request("/echo", "Sec-WebSocket-Extensions: permessage-deflate; ;;=\"x"));
        for (String request : requests) {
            String head = answer(request);
            assertTrue(head.startsWith("HTTP/1.1 400 "), printable(request) + " -> " + head);
        }
    }

    @Test
    void oversizedHeadGets431() throws IOException {
        // One header line past the 8 KiB head limit.
        String big = Wire.request("/echo", "X-Filler: " + "a".repeat(9 * KiB));
        String head = answer(big);
        assertTrue(head.startsWith("HTTP/1.1 431 "), head);
        // A head that never ends: refused once it passes the limit, without waiting for its end.
        try (Wire w = new Wire(server.address())) {
            StringBuilder endless = new StringBuilder("GET /echo HTTP/1.1\r\n");
            while (endless.length() < 9 * KiB) {
                endless.append("X-Many: ").append(endless.length()).append("\r\n");
            }
            w.send(endless.toString());
            String h = w.readHead();
            assertTrue(h.startsWith("HTTP/1.1 431 "), h);
            assertTrue(w.endsWithin(3000));
        }
    }

    @Test
    void wrongVersionGets426WithTheVersionSpoken() throws IOException {
        for (String version : List.of("8", "12", "14", "abc")) {
            String head = answer(Wire.request("/echo").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: " + version));
            assertTrue(head.startsWith("HTTP/1.1 426 "), version + " -> " + head);
            assertTrue(head.contains("\r\nSec-WebSocket-Version: 13\r\n"), head);
        }
    }

    @Test
    void aHandshakeSentOneBytePerSecondGets408AtTheHandshakeTimeout() throws Exception {
        try (Wire w = new Wire(server.address())) {
            byte[] request = Wire.request("/echo").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            long start = System.nanoTime();
            Thread slow = new Thread(() -> {
                try {
                    for (int i = 0; i < request.length && i < 8; i++) {
                        w.send(new byte[] {request[i]});
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server has answered and closed: the attack is over
                }
            }, "slowloris");
            slow.setDaemon(true);
            slow.start();
            String head = w.readHead();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(head.startsWith("HTTP/1.1 408 "), head);
            assertTrue(millis >= 900 && millis < 3000, "408 after " + millis + " ms (timeout 1000 ms)");
            assertTrue(w.endsWithin(3000));
            slow.interrupt();
            slow.join(2000);
        }
    }

    @Test
    void aSilentConnectionGets408Too() throws IOException {
        try (Wire w = new Wire(server.address())) {
            String head = w.readHead();
            assertTrue(head.startsWith("HTTP/1.1 408 "), head);
        }
    }

    @Test
    void crossSiteWebSocketHijackingGets403() throws IOException {
        String head = answer(Wire.request("/echo", "Origin: https://evil.example"));
        assertTrue(head.startsWith("HTTP/1.1 403 "), head);
    }

    @Test
    void connectionsPastThePerAddressLimitGet503() throws Exception {
        StandaloneServer limited = Hostile.start(Hostile.limits().maxConnectionsPerAddress(3).build(), Hostile.Echo.class);
        List<Wire> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(Wire.open(limited.address(), "/echo"));
            }
            for (int i = 0; i < 5; i++) {
                try (Wire w = new Wire(limited.address())) {
                    w.send(Wire.request("/echo"));
                    String head = w.readHead();
                    assertTrue(head.startsWith("HTTP/1.1 503 "), head);
                    assertTrue(head.contains("Retry-After: "), head);
                }
            }
            // Another address is not refused, and the held sessions still work.
            try (Wire other = Wire.openFrom(limited.address(), new InetSocketAddress("127.0.0.2", 0), "/echo")) {
                assertEquals("x", other.echo("x"));
            }
            for (Wire w : held) {
                assertEquals("held", w.echo("held"));
            }
            // Once one leaves, its place is free again.
            held.remove(0).close();
            assertTrue(Hostile.await(() -> limited.connectionCount() <= 2, 3000));
            held.add(Wire.open(limited.address(), "/echo"));
        } finally {
            held.forEach(Wire::close);
            limited.stop();
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
