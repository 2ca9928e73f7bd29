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

    static final Map<String, String> ISSUES = Map.of();

    /**
     * Ondine bugs these tests found that no cell shows deterministically (races); rendered
     * under the matrix. Each names a reproduction.
     */
    static final java.util.List<String> FOUND = java.util.List.of(
            "Ondine client: a blocking send (`getBasicRemote().sendText`) whose frame was written can throw "
            + "`IOException` (cause `ClosedChannelException`) when the peer answers it at once with a close "
            + "frame (probably the close fails the outgoing queue before the written frame's completion is signalled; not confirmed in impl). "
            + "Reproduction: against Jetty's server with `InteropEndpoint`, send `cmd:close:4001:bye server` "
            + "with the basic remote in a loop under CPU load; about 7% of the sends throw although the server "
            + "received the message and closed with 4001. The close-from-server check sends asynchronously so "
            + "that its cell measures the close itself.");

    static String reason(Side side, String peer, Check check) {
        return ISSUES.get(side.id + "/" + peer + "/" + check.id());
    }
}
