package dev.ondine.tck.interop;

import java.util.Map;

/**
 * Cells that are known to fail, with the reason the matrix shows. A failing cell that is not
 * listed here fails its test class (a regression); a listed cell that passes again is only
 * reported, so that the entry can be removed. Keys: {@code side/peer/check-id}.
 */
final class KnownIssues {
    private KnownIssues() {
    }

    static final Map<String, String> ISSUES = Map.of(
            "ondine-client/tyrus/deflate",
            "Tyrus's answer, not Ondine's client: Tyrus 2.2.0's server, alone in a class loader of its own "
            + "(Tyrus, Grizzly, the Jakarta API), answers `permessage-deflate` offers with no extension for this "
            + "annotated endpoint deployed through a ServerEndpointConfig listing PerMessageDeflateExtension; a raw "
            + "handshake gets the same 101 without Sec-WebSocket-Extensions (the earlier explanation, Ondine's "
            + "configurator found through the shared class path, was wrong; the Ondine client negotiates "
            + "permessage-deflate with Jetty, Python, Node and Undertow)");

    /**
     * Ondine bugs these tests found that no cell shows deterministically (races); rendered
     * under the matrix. Each names a reproduction.
     */
    static final java.util.List<String> FOUND = java.util.List.of(
            "Fixed: a blocking send (`getBasicRemote().sendText`) whose frame was written could throw "
            + "`IOException` (cause `ClosedChannelException`) when the peer answered it at once with a close "
            + "frame and closed TCP: the transport's end failed the outgoing queue while the writing thread was "
            + "between its write and marking the frame done. The queue now lets that thread complete what its "
            + "write finished (core test `OutgoingQueueTest`). The close-from-server check still sends "
            + "asynchronously so that its cell measures the close itself.");

    static String reason(Side side, String peer, Check check) {
        return ISSUES.get(side.id + "/" + peer + "/" + check.id());
    }
}
