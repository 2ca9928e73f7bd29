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

    static String reason(Side side, String peer, Check check) {
        return ISSUES.get(side.id + "/" + peer + "/" + check.id());
    }
}
