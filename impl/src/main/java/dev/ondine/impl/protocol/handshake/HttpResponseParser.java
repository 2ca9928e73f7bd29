package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;

/**
 * Parses the server's HTTP/1.1 response head (RFC 7230 §3) on the client side, from input
 * that arrives in pieces; like {@link HttpRequestParser}, bytes after the head stay in the
 * buffer. Failures carry {@link HandshakeException#NO_STATUS}: the client answers nothing,
 * it fails the connection (RFC 6455 §4.1).
 */
public final class HttpResponseParser {

    private final HttpHeadReader reader;

    /**
     * @param maxHeadBytes the largest head accepted, from its first byte to the final LF
     *        (the transports pass {@code Limits.maxHandshakeHeaderBytes()})
     */
    public HttpResponseParser(int maxHeadBytes) {
        this.reader = new HttpHeadReader(maxHeadBytes);
    }

    /**
     * Consumes bytes of {@code in} up to the end of the head.
     *
     * @return the head once complete ({@code in} positioned right after it), or null if
     *         more input is needed
     * @throws HandshakeException without status if the head is too large or malformed
     */
    public HttpResponseHead feed(ByteBuffer in) throws HandshakeException {
        try {
            if (!reader.feed(in)) {
                return null;
            }
        } catch (HandshakeException e) {
            throw HandshakeException.withoutStatus("bad response from server: " + e.getMessage());
        }
        // RFC 7230 §3.1.2: status-line = HTTP-version SP status-code SP reason-phrase.
        // A missing SP after the code when the reason is empty is tolerated.
        String line = reader.startLine();
        int sp = line.indexOf(' ');
        if (sp < 0 || !HttpVersion.isValid(line.substring(0, sp))) {
            throw HandshakeException.withoutStatus("malformed status line from server");
        }
        String rest = line.substring(sp + 1);
        if (rest.length() < 3 || !isDigits(rest.substring(0, 3)) || (rest.length() > 3 && rest.charAt(3) != ' ')) {
            throw HandshakeException.withoutStatus("malformed status code from server");
        }
        int status = Integer.parseInt(rest.substring(0, 3));
        if (status < 100) {
            throw HandshakeException.withoutStatus("malformed status code from server");
        }
        String reason = rest.length() > 4 ? rest.substring(4) : "";
        return new HttpResponseHead(line.substring(0, sp), status, reason, reader.headers());
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
