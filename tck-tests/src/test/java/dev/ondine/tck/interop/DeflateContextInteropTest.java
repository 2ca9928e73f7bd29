package dev.ondine.tck.interop;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.samples.echo.EchoEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate with context takeover against independent zlib users, with Ondine
 * giving its zlib state back after every message ({@code ondine.deflateReleaseMillis=0})
 * and rebuilding it from the kept history as a preset dictionary: any byte wrong in that
 * history is a wrong echo or a corrupt stream on one side. Python's {@code websockets} and
 * Node's {@code ws} as clients of an Ondine echo (many messages that repeat earlier ones,
 * both ways; every server window a client may offer, 8 to 15, RFC 7692 §7.1.2.1; a client
 * window of 9; no context takeover). Ondine's client against the {@code websockets} server
 * is {@code PythonWebsocketsServerTest}. Skipped, with the reason, without the peers.
 * (The JDK's {@code java.net.http} WebSocket client offers no extension, so it has nothing
 * to check here.)
 */
class DeflateContextInteropTest {
    private static OndineServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OndineServer.builder().host("127.0.0.1").port(0)
                .limits(Limits.builder().deflateReleaseMillis(0).maxFramePayloadBytes(EchoEndpoint.MAX_MESSAGE_BYTES).build())
                .endpoint(EchoEndpoint.class)
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String echoUri() {
        return "ws://127.0.0.1:" + server.address().getPort() + "/echo";
    }

    private static void assertPassed(PeerProcess peer) throws InterruptedException {
        int exit = peer.await(300);
        assertEquals(0, exit, peer.output());
        assertTrue(peer.output().contains("ALL PASSED"), peer.output());
    }

    @Test
    void pythonWebsocketsClient() throws Exception {
        String python = PeerProcess.python();
        Path dir = PeerProcess.pythonDir();
        try (PeerProcess peer = new PeerProcess(dir, python, "websockets_deflate_client.py", echoUri())) {
            assertPassed(peer);
        }
    }

    @Test
    void nodeWsClient() throws Exception {
        Path dir = PeerProcess.nodeDir();
        try (PeerProcess peer = new PeerProcess(dir, PeerProcess.node(), "deflate-client.js", echoUri())) {
            assertPassed(peer);
        }
    }
}
