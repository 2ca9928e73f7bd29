package dev.ondine.tck.interop;

import java.util.Locale;

/**
 * The rows of the interoperability matrix: what each pair of peers is asked to do. Every peer
 * (Java, Python, Node, the browser) reports its cells under these ids ({@link #id()}).
 */
public enum Check {
    TEXT_SMALL("text echo, small (non-ASCII UTF-8)"),
    TEXT_1MIB("text echo, 1 MiB"),
    BINARY_SMALL("binary echo, small (16 B)"),
    BINARY_1MIB("binary echo, 1 MiB"),
    FRAGMENTED_TO_SERVER("fragmented text and binary, client → server, echoed whole"),
    FRAGMENTED_TO_CLIENT("fragmented text and binary, server → client"),
    PING_FROM_CLIENT("ping from the client, pong from the server"),
    PING_FROM_SERVER("ping from the server, pong from the client"),
    CLOSE_FROM_CLIENT("close from the client: 4000 \"bye client\" reaches the server"),
    CLOSE_FROM_SERVER("close from the server: 4001 \"bye server\" reaches the client"),
    SUBPROTOCOL("subprotocol: one in common chosen; none in common, none chosen"),
    DEFLATE("permessage-deflate negotiated, messages echoed");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The row's title in docs/interop.md. */
    public String label() {
        return label;
    }

    /** The id the peers' scripts report: the name in lower case with dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Check byId(String id) {
        for (Check c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("No such check: " + id);
    }
}
