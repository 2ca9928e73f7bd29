package dev.ondine.tck.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ondine's server with the independent clients that are scripts in other languages: Python's
 * {@code websockets} (src/test/python/interop_client.py), Node's {@code ws}
 * (node/node-client.js) and headless Chromium (node/chromium-client.js, through
 * playwright-core). Each script runs every check and prints its cells. Node ws and Chromium
 * also run them over wss:// (their own columns), against the server with a self-signed
 * certificate made at test time ({@link TestCertificate}). A test whose peer is missing (Python
 * websockets, Node.js, Chromium) is skipped with the reason, its column then missing from the matrix.
 */
class ScriptClientInteropTest {

    @Test
    @Timeout(120)
    void pythonWebsocketsClient() throws Exception {
        try (OndineInteropServer server = new OndineInteropServer()) {
            run(new MatrixColumn(Side.ONDINE_SERVER, "python-websockets", "Python websockets client"),
                    "Python websockets %s client",
                    new PeerProcess(PeerProcess.pythonDir(), PeerProcess.python(), "interop_client.py",
                            server.echo().toString(), server.interop().toString()));
        }
    }

    @Test
    @Timeout(120)
    void nodeWsClient() throws Exception {
        try (OndineInteropServer server = new OndineInteropServer()) {
            run(new MatrixColumn(Side.ONDINE_SERVER, "node-ws", "Node ws client"),
                    "Node ws %s client",
                    new PeerProcess(PeerProcess.nodeDir(), PeerProcess.node(), "node-client.js",
                            server.echo().toString(), server.interop().toString()));
        }
    }

    @Test
    @Timeout(120)
    void chromiumClient() throws Exception {
        try (OndineInteropServer server = new OndineInteropServer()) {
            run(new MatrixColumn(Side.ONDINE_SERVER, "chromium", "Chromium (headless)"),
                    "%s (headless, Playwright)",
                    new PeerProcess(PeerProcess.nodeDir(), PeerProcess.chromium(), PeerProcess.node(), "chromium-client.js",
                            server.http() + "chat.css", server.echo().toString(), server.interop().toString()));
        }
    }

    @Test
    @Timeout(120)
    void nodeWsClientOverWss() throws Exception {
        try (TestCertificate cert = new TestCertificate();
             OndineInteropServer server = new OndineInteropServer(cert.tlsConfig())) {
            run(new MatrixColumn(Side.ONDINE_SERVER, "node-ws-wss", "Node ws client (wss)"),
                    "Node ws %s client over wss",
                    new PeerProcess(PeerProcess.nodeDir(), PeerProcess.node(), "node-client.js",
                            server.echo().toString(), server.interop().toString(), cert.pem.toString()));
        }
    }

    @Test
    @Timeout(120)
    void chromiumClientOverWss() throws Exception {
        try (TestCertificate cert = new TestCertificate();
             OndineInteropServer server = new OndineInteropServer(cert.tlsConfig())) {
            run(new MatrixColumn(Side.ONDINE_SERVER, "chromium-wss", "Chromium (headless, wss)"),
                    "%s (headless, Playwright) over wss",
                    new PeerProcess(PeerProcess.nodeDir(), PeerProcess.chromium(), PeerProcess.node(), "chromium-client.js",
                            server.http() + "chat.css", server.echo().toString(), server.interop().toString()));
        }
    }

    private static void run(MatrixColumn column, String titleFormat, PeerProcess peer) throws Exception {
        try (peer) {
            int exit = peer.await(100);
            String version = peer.recordCells(column);
            if (version != null) {
                column.title(String.format(titleFormat, version));
            }
            System.out.println(peer.output());
            assertEquals(0, exit, "the peer failed:\n" + peer.output());
        }
        column.writeAndAssertNoNewFailures();
    }
}
