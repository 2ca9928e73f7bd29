package dev.ondine.impl.protocol.handshake;

import static dev.ondine.impl.protocol.handshake.Bytes.RFC_REQUEST;
import static dev.ondine.impl.protocol.handshake.Bytes.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ondine.api.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestParserTest {

    private static HttpRequestHead parse(String s) throws HandshakeException {
        return new HttpRequestParser(Limits.defaults().maxHandshakeHeaderBytes()).feed(ascii(s));
    }

    private static int status(String s) {
        return assertThrows(HandshakeException.class, () -> parse(s)).status();
    }

    @Test
    void parsesTheRfcSample() throws HandshakeException {
        HttpRequestHead head = parse(RFC_REQUEST);
        assertEquals("GET", head.method());
        assertEquals("/chat", head.target());
        assertEquals("HTTP/1.1", head.version());
        assertEquals(1, head.versionMajor());
        assertEquals(1, head.versionMinor());
        assertEquals("server.example.com", head.headers().first("host"));
        assertEquals("chat, superchat", head.headers().first("SEC-WEBSOCKET-PROTOCOL"));
        assertEquals(7, head.headers().size());
    }

    @Test
    void byteByByteGivesTheSameHeadAndLeavesFollowingBytes() throws HandshakeException {
        byte[] a = (RFC_REQUEST + "\u0081\u0080").getBytes(StandardCharsets.ISO_8859_1);
        HttpRequestParser p = new HttpRequestParser(4096);
        HttpRequestHead head = null;
        int i = 0;
        for (; i < a.length && head == null; i++) {
            ByteBuffer one = ByteBuffer.wrap(a, i, 1);
            head = p.feed(one);
            assertEquals(0, one.remaining());
        }
        assertNotNull(head);
        assertEquals(RFC_REQUEST.length(), i);
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", head.headers().first("Sec-WebSocket-Key"));
    }

    @Test
    void everySplitIntoTwoChunks() throws HandshakeException {
        byte[] a = (RFC_REQUEST + "XY").getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k <= RFC_REQUEST.length(); k++) {
            HttpRequestParser p = new HttpRequestParser(4096);
            ByteBuffer first = ByteBuffer.wrap(a, 0, k);
            HttpRequestHead head = p.feed(first);
            if (k < RFC_REQUEST.length()) {
                assertNull(head, "split at " + k);
                ByteBuffer second = ByteBuffer.wrap(a, k, a.length - k);
                head = p.feed(second);
                assertEquals(RFC_REQUEST.length(), second.position(), "split at " + k);
                assertEquals(2, second.remaining());
            }
            assertEquals("/chat", head.target());
            assertEquals(7, head.headers().size());
        }
    }

    @Test
    void headExactlyAtTheLimitPassesOneOverGets431() throws HandshakeException {
        int size = RFC_REQUEST.length();
        assertNotNull(new HttpRequestParser(size).feed(ascii(RFC_REQUEST)));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> new HttpRequestParser(size - 1).feed(ascii(RFC_REQUEST)));
        assertEquals(431, e.status());
    }

    @Test
    void endlessHeadIsCutAtTheLimit() throws HandshakeException {
        HttpRequestParser p = new HttpRequestParser(1000);
        assertNull(p.feed(ascii("GET / HTTP/1.1\r\n")));
        ByteBuffer junk = ascii("X-Junk: " + "a".repeat(2000));
        HandshakeException e = assertThrows(HandshakeException.class, () -> p.feed(junk));
        assertEquals(431, e.status());
        assertEquals(1000 - 16, junk.position() - 1);
        assertThrows(IllegalStateException.class, () -> p.feed(ascii("\r\n")));
    }

    @Test
    void acceptsBareLfAndLeadingEmptyLines() throws HandshakeException {
        HttpRequestHead head = parse("\r\n\nGET /a?b=c HTTP/1.1\nHost: h\n\n");
        assertEquals("/a?b=c", head.target());
        assertEquals("h", head.headers().first("Host"));
    }

    @Test
    void keepsObsTextInValuesAndEmptyValues() throws HandshakeException {
        HttpRequestHead head = parse("GET / HTTP/1.1\r\nX-A: caf\u00e9\r\nX-B:\r\n\r\n");
        assertEquals("caf\u00e9", head.headers().first("x-a"));
        assertEquals("", head.headers().first("x-b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /chat\r\n\r\n",                              // no version
        "GET  /chat HTTP/1.1\r\n\r\n",                    // double space
        "GET /chat HTTP/1.1 \r\n\r\n",                    // trailing space
        "GET /chat HTTP/1.1 extra\r\n\r\n",               // four parts
        "G(T /chat HTTP/1.1\r\n\r\n",                     // method not a token
        "GET /ch\u00e4t HTTP/1.1\r\n\r\n",                // non-ASCII target
        "GET /chat HTTP/11\r\n\r\n",                      // malformed version
        "GET /chat http/1.1\r\n\r\n",                     // version is case-sensitive
        "GET\t/chat HTTP/1.1\r\n\r\n",                    // tab separator
        "GET /chat HTTP/1.1\r\nHost server\r\n\r\n",      // no colon
        "GET /chat HTTP/1.1\r\n: value\r\n\r\n",          // empty name
        "GET /chat HTTP/1.1\r\nHost : server\r\n\r\n",    // space before colon
        "GET /chat HTTP/1.1\r\nH\u00f6st: server\r\n\r\n",// non-ASCII name
        "GET /chat HTTP/1.1\r\nX: a\r\n b\r\n\r\n",       // obs-fold
        "GET /chat HTTP/1.1\r\n\tX: a\r\n\r\n",           // indented first header
        "GET /chat HTTP/1.1\r\nX: a\u0000b\r\n\r\n",      // NUL
        "GET /chat HTTP/1.1\r\nX: a\u001bb\r\n\r\n",      // ESC
        "GET /chat HTTP/1.1\r\nX: a\u007fb\r\n\r\n",      // DEL
        "GET /chat HTTP/1.1\r\nX: a\rb\r\n\r\n",          // bare CR
        "GET /chat HTTP/1.1\r\r\n\r\n",                   // CR CR LF
    })
    void malformedHeadsGet400(String request) {
        assertEquals(400, status(request));
    }
}
