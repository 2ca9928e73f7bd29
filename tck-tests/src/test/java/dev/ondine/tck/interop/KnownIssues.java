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
            "test environment, not the wire: in this JVM Tyrus's server finds Ondine's container-default "
            + "configurator first through the API's ServiceLoader and then declines permessage-deflate (the same "
            + "server run without Ondine's META-INF/services Configurator entry answers the same offer with "
            + "permessage-deflate; the Ondine client negotiates it with Jetty, Python, Node and Undertow)");

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
