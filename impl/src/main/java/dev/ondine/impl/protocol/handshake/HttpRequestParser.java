package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;

/**
 * Parses an HTTP/1.1 request head (RFC 7230 §3) from input that arrives in pieces. Feed
 * every buffer read from the connection to {@link #feed} until it returns the head; the
 * bytes after the head (the first WebSocket frames, if the client sent them early) stay in
 * the last buffer. One parser reads one head.
 */
public final class HttpRequestParser {

    private final HttpHeadReader reader;

    /**
     * @param maxHeadBytes the largest head accepted, from its first byte to the final LF
     *        (the transports pass {@code Limits.maxHandshakeHeaderBytes()})
     */
    public HttpRequestParser(int maxHeadBytes) {
        this.reader = new HttpHeadReader(maxHeadBytes);
    }

    /**
     * Consumes bytes of {@code in} (from its position) up to the end of the head.
     *
     * @return the head once complete, with {@code in} positioned right after it; null if
     *         more input is needed (all of {@code in} was consumed)
     * @throws HandshakeException 431 if the head is larger than allowed; 400 if it is
     *         malformed (request line, header line, obs-fold, control characters)
     */
    public HttpRequestHead feed(ByteBuffer in) throws HandshakeException {
        if (!reader.feed(in)) {
            return null;
        }
        // RFC 7230 §3.1.1: request-line = method SP request-target SP HTTP-version
        String line = reader.startLine();
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 < 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw new HandshakeException(400, "malformed request line");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!HttpTokens.isToken(method)) {
            throw new HandshakeException(400, "malformed request method");
        }
        if (!isTarget(target)) {
            throw new HandshakeException(400, "malformed request target");
        }
        if (!HttpVersion.isValid(version)) {
            throw new HandshakeException(400, "malformed HTTP version");
        }
        return new HttpRequestHead(method, target, version, reader.headers());
    }

    /** A request target is visible ASCII without spaces (RFC 7230 §5.3, RFC 3986 §2). */
    private static boolean isTarget(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
