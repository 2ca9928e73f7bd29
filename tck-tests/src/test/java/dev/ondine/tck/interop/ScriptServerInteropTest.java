package dev.ondine.tck.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;

/**
 * Ondine's client with the independent servers that are scripts in other languages: Python's
 * {@code websockets} (src/test/python/interop_server.py) and Node's {@code ws}
 * (node/interop-server.js), both speaking the protocol of {@link InteropEndpoint}. Skipped, with the
 * reason, without the peer ({@link dev.ondine.testsupport.ExternalPeers}).
 */
class ScriptServerInteropTest {

    @Test
    @Timeout(120)
    void pythonWebsocketsServer() throws Exception {
        run(new MatrixColumn(Side.ONDINE_CLIENT, "python-websockets", "Python websockets server"),
                "Python websockets %s server",
                new PeerProcess(PeerProcess.pythonDir(), PeerProcess.python(), "interop_server.py"));
    }

    @Test
    @Timeout(120)
    void nodeWsServer() throws Exception {
        run(new MatrixColumn(Side.ONDINE_CLIENT, "node-ws", "Node ws server"),
                "Node ws %s server",
                new PeerProcess(PeerProcess.nodeDir(), PeerProcess.node(), "interop-server.js"));
    }

    private static void run(MatrixColumn column, String titleFormat, PeerProcess peer) throws Exception {
        try (peer) {
            String version = peer.awaitLine("VERSION", 30);
            column.title(String.format(titleFormat, version));
            int port = Integer.parseInt(peer.awaitLine("LISTENING", 30).trim());
            OndineClientSuites.run(column, URI.create("ws://127.0.0.1:" + port + "/interop"));
        }
        column.writeAndAssertNoNewFailures();
    }
}
