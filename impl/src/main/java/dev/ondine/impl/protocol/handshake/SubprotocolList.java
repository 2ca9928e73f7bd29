package dev.ondine.impl.protocol.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Sec-WebSocket-Protocol} values: a comma-separated list of tokens, each named at
 * most once (RFC 6455 §4.1 item 10, §11.3.4: {@code 1#token}).
 */
public final class SubprotocolList {

    private SubprotocolList() {
    }

    /**
     * The subprotocols of every value of the header, in order; a repeated name is kept once.
     *
     * @throws HandshakeException 400 if an element is not a token
     */
    public static List<String> parse(List<String> headerValues) throws HandshakeException {
        List<String> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : HttpHeaders.splitList(value)) {
                if (!HttpTokens.isToken(element)) {
                    throw new HandshakeException(400, "malformed Sec-WebSocket-Protocol: not a token");
                }
                if (!out.contains(element)) {
                    out.add(element);
                }
            }
        }
        return out;
    }

    /** The header value for {@code subprotocols}: tokens joined by ", ". */
    public static String format(List<String> subprotocols) {
        for (String p : subprotocols) {
            if (!HttpTokens.isToken(p)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + p);
            }
        }
        return String.join(", ", subprotocols);
    }
}
