package dev.ondine.impl.protocol.handshake;

import static dev.ondine.impl.protocol.handshake.Bytes.RFC_RESPONSE;
import static dev.ondine.impl.protocol.handshake.Bytes.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseParserTest {

    @Test
    void parsesTheRfcSampleByteByByteAndLeavesTheFirstFrame() throws HandshakeException {
        byte[] a = (RFC_RESPONSE + "\u0081\u0002hi").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseParser p = new HttpResponseParser(4096);
        HttpResponseHead head = null;
        int i = 0;
        for (; head == null; i++) {
            head = p.feed(ByteBuffer.wrap(a, i, 1));
        }
        assertEquals(RFC_RESPONSE.length(), i);
        assertEquals("HTTP/1.1", head.version());
        assertEquals(101, head.status());
        assertEquals("Switching Protocols", head.reason());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.headers().first("sec-websocket-accept"));

        ByteBuffer whole = ByteBuffer.wrap(a);
        assertNotNull(new HttpResponseParser(4096).feed(whole));
        assertEquals(4, whole.remaining());
    }

    @Test
    void emptyReasonWithOrWithoutSpace() throws HandshakeException {
        HttpResponseHead a = new HttpResponseParser(100).feed(ascii("HTTP/1.1 404 \r\n\r\n"));
        HttpResponseHead b = new HttpResponseParser(100).feed(ascii("HTTP/1.1 404\r\n\r\n"));
        assertEquals(404, a.status());
        assertEquals("", a.reason());
        assertEquals(404, b.status());
    }

    @Test
    void limitGivesAStatuslessFailure() throws HandshakeException {
        assertNotNull(new HttpResponseParser(RFC_RESPONSE.length()).feed(ascii(RFC_RESPONSE)));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> new HttpResponseParser(RFC_RESPONSE.length() - 1).feed(ascii(RFC_RESPONSE)));
        assertEquals(HandshakeException.NO_STATUS, e.status());
    }

    @Test
    void incompleteNeedsMore() throws HandshakeException {
        assertNull(new HttpResponseParser(100).feed(ascii("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1\r\n\r\n",
        "HTTP/1.1 1O1 Switching\r\n\r\n",
        "HTTP/1.1 10 Switching\r\n\r\n",
        "HTTP/1.1 1011 Switching\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n",
        "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n folded\r\n\r\n",
        "HTTP/1.1 101 OK\r\nUpgrade: web\u0000socket\r\n\r\n",
    })
    void malformedResponsesFailWithoutStatus(String response) {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> new HttpResponseParser(1000).feed(ascii(response)));
        assertEquals(HandshakeException.NO_STATUS, e.status());
    }
}
