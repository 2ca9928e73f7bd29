package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the head of an HTTP/1.1 message (RFC 7230 §3): a start line and header fields up
 * to the empty line, from input that may be split at any byte. It keeps at most the
 * configured number of bytes, never reads past the empty line, and knows nothing of what
 * the start line means; {@link HttpRequestParser} and {@link HttpResponseParser} do.
 */
final class HttpHeadReader {

    private final int maxBytes;
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean afterCr;
    private int consumed;
    private String startLine;
    private final HttpHeaders headers = new HttpHeaders();
    private boolean finished;

    /** @param maxBytes the largest head, counted from its first byte to the final LF inclusive */
    HttpHeadReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Consumes bytes from {@code in} until the head is complete or the input runs out.
     *
     * @return true once the empty line ending the head was read; {@code in} is then
     *         positioned on the first byte after it
     * @throws HandshakeException 431 when the head grows beyond the limit, 400 when it is
     *         malformed; after that this reader may not be used again
     */
    boolean feed(ByteBuffer in) throws HandshakeException {
        if (finished) {
            throw new IllegalStateException("the head is already complete or failed");
        }
        try {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (++consumed > maxBytes) {
                    throw new HandshakeException(431, "head larger than " + maxBytes + " bytes");
                }
                if (b == '\n') {
                    // RFC 7230 §3.5: a line ends with CRLF; a bare LF is accepted as well.
                    afterCr = false;
                    if (endOfLine()) {
                        finished = true;
                        return true;
                    }
                } else if (afterCr) {
                    // RFC 7230 §3.5: a CR anywhere but before LF is not allowed.
                    throw new HandshakeException(400, "CR not followed by LF");
                } else if (b == '\r') {
                    afterCr = true;
                } else if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
                    // RFC 7230 §3.2: no control characters other than HTAB in a head.
                    throw new HandshakeException(400, "control character in the head");
                } else {
                    append(b);
                }
            }
            return false;
        } catch (HandshakeException e) {
            finished = true;
            throw e;
        }
    }

    /** The start line, once read. */
    String startLine() {
        return startLine;
    }

    HttpHeaders headers() {
        return headers;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
        }
        line[lineLength++] = b;
    }

    /** Handles one complete line; true when it was the empty line ending the head. */
    private boolean endOfLine() throws HandshakeException {
        int length = lineLength;
        lineLength = 0;
        if (startLine == null) {
            if (length > 0) {
                startLine = new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            // RFC 7230 §3.5: empty lines before the start line are ignored.
            return false;
        }
        if (length == 0) {
            return true;
        }
        if (HttpTokens.isWhitespace(line[0])) {
            // RFC 7230 §3.2.4: obs-fold (and whitespace after the start line) is refused.
            throw new HandshakeException(400, "folded or indented header line");
        }
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new HandshakeException(400, "header line without a name and colon");
        }
        String name = text.substring(0, colon);
        if (!HttpTokens.isToken(name)) {
            // RFC 7230 §3.2.4: no whitespace between the field name and the colon.
            throw new HandshakeException(400, "header name is not a token");
        }
        headers.add(name, text.substring(colon + 1));
        return false;
    }
}
