package dev.ondine.impl.protocol.proxy;

import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpResponseHead;
import dev.ondine.impl.protocol.handshake.HttpResponseParser;

import java.nio.ByteBuffer;

/**
 * Reads a proxy's answer to {@code CONNECT} from input that arrives in pieces, strictly and
 * within a size limit: the status line and fields of every response head together may not
 * pass it. Interim 1xx responses are skipped (RFC 9110 §15.2: a client must accept them
 * before the final one), except 101, which makes no sense here; the first final head is the
 * answer. Bytes after that head stay in the buffer: after a 2xx they are the first bytes of
 * the tunnel (RFC 9110 §9.3.6), which the next phase must have.
 */
public final class ConnectResponseReader {
    private final int maxHeadBytes;
    private int used;
    private HttpResponseParser parser;
    private ConnectAnswer answer;

    /** @param maxHeadBytes the most bytes the proxy's response heads may take, in all */
    public ConnectResponseReader(int maxHeadBytes) {
        if (maxHeadBytes <= 0) {
            throw new IllegalArgumentException("maxHeadBytes must be positive: " + maxHeadBytes);
        }
        this.maxHeadBytes = maxHeadBytes;
        this.parser = new HttpResponseParser(maxHeadBytes);
    }

    /**
     * Consumes bytes of {@code in} up to the end of the final response head.
     *
     * @return the answer once its head is complete ({@code in} positioned right after it),
     *         or null while more input is needed
     * @throws ConnectException if the response is malformed, too large, not HTTP/1.x, or a 101
     */
    public ConnectAnswer feed(ByteBuffer in) throws ConnectException {
        if (answer != null) {
            throw new IllegalStateException("the answer was already read");
        }
        while (true) {
            int before = in.position();
            HttpResponseHead head;
            try {
                head = parser.feed(in);
            } catch (HandshakeException e) {
                throw new ConnectException(e.getMessage().replace("from server", "from the proxy"));
            } finally {
                used += in.position() - before;
            }
            if (head == null) {
                return null;
            }
            if (!head.version().startsWith("HTTP/1.")) {
                throw new ConnectException("the proxy answered in " + head.version() + ", not HTTP/1.x");
            }
            if (head.status() == 101) {
                throw new ConnectException("the proxy answered CONNECT with 101 " + head.reason());
            }
            if (head.status() >= 200) {
                answer = new ConnectAnswer(head);
                return answer;
            }
            // An interim response: the final one follows, within what is left of the limit.
            if (used >= maxHeadBytes) {
                throw new ConnectException("bad response from the proxy: head larger than " + maxHeadBytes + " bytes");
            }
            parser = new HttpResponseParser(maxHeadBytes - used);
        }
    }
}
