package dev.ondine.impl.protocol.handshake;

import static dev.ondine.impl.protocol.handshake.Bytes.RFC_REQUEST;
import static dev.ondine.impl.protocol.handshake.Bytes.RFC_RESPONSE;
import static dev.ondine.impl.protocol.handshake.Bytes.ascii;
import static dev.ondine.impl.protocol.handshake.Bytes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerHandshakeTest {

    private static WebSocketUpgradeRequest validate(String request) throws HandshakeException {
        return ServerHandshake.validate(new HttpRequestParser(16384).feed(ascii(request)));
    }

    /** The RFC sample with {@code line} replaced (or removed when {@code replacement} is empty). */
    private static String sampleWith(String line, String replacement) {
        String r = RFC_REQUEST.replace(line + "\r\n", replacement.isEmpty() ? "" : replacement + "\r\n");
        if (r.equals(RFC_REQUEST)) {
            throw new IllegalArgumentException("no such line: " + line);
        }
        return r;
    }

    @Test
    void rfcSampleIsValid() throws HandshakeException {
        WebSocketUpgradeRequest req = validate(RFC_REQUEST);
        assertEquals("/chat", req.path());
        assertNull(req.rawQuery());
        assertEquals("server.example.com", req.host());
        assertEquals("http://example.com", req.origin());
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", req.key());
        assertEquals(List.of("chat", "superchat"), req.subprotocols());
        assertEquals(List.of(), req.extensions());
        assertEquals(7, req.headers().size());
    }

    @Test
    void rfcSampleResponseIsWrittenByteForByte() {
        assertEquals(RFC_RESPONSE, text(ServerHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==", "chat", null, null)));
    }

    @Test
    void acceptWithExtensionsAndExtraHeaders() {
        String out = text(ServerHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==", null,
                "permessage-deflate; client_max_window_bits=10", new HttpHeaders().add("Set-Cookie", "a=b")));
        assertEquals("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n"
                + "Set-Cookie: a=b\r\n"
                + "\r\n", out);
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.accept("k", null, null,
                new HttpHeaders().add("connection", "close")));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.accept("k", "a b", null, null));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.accept("k", null, "x\r\ny", null));
    }

    @Test
    void oddCaseAndTokenListsAreAccepted() throws HandshakeException {
        String request = "GET /a/b?x=1&y=%20 HTTP/1.1\r\n"
                + "hOsT: example.com:8080\r\n"
                + "UPGRADE: h2c, WebSocket\r\n"
                + "connection: keep-alive, uPgRaDe\r\n"
                + "sec-websocket-key: AQIDBAUGBwgJCgsMDQ4PEA==\r\n"
                + "SEC-WEBSOCKET-VERSION: 13\r\n"
                + "sec-websocket-extensions: permessage-deflate; client_max_window_bits\r\n"
                + "Sec-WebSocket-Extensions: x-custom\r\n"
                + "\r\n";
        WebSocketUpgradeRequest req = validate(request);
        assertEquals("/a/b", req.path());
        assertEquals("x=1&y=%20", req.rawQuery());
        assertEquals("example.com:8080", req.host());
        assertNull(req.origin());
        assertEquals(List.of(), req.subprotocols());
        assertEquals(List.of(new ExtensionOffer("permessage-deflate").with("client_max_window_bits", null),
                new ExtensionOffer("x-custom")), req.extensions());
    }

    @Test
    void absoluteFormTargetGivesThePath() throws HandshakeException {
        WebSocketUpgradeRequest req = validate(sampleWith("GET /chat HTTP/1.1", "GET ws://server.example.com?q HTTP/1.1"));
        assertEquals("/", req.path());
        assertEquals("q", req.rawQuery());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
            Arguments.of("method POST", "GET /chat HTTP/1.1", "POST /chat HTTP/1.1", 405),
            Arguments.of("HTTP/1.0", "GET /chat HTTP/1.1", "GET /chat HTTP/1.0", 400),
            Arguments.of("fragment", "GET /chat HTTP/1.1", "GET /chat#x HTTP/1.1", 400),
            Arguments.of("asterisk target", "GET /chat HTTP/1.1", "GET * HTTP/1.1", 400),
            Arguments.of("authority target", "GET /chat HTTP/1.1", "GET server.example.com:80 HTTP/1.1", 400),
            Arguments.of("no Host", "Host: server.example.com", "", 400),
            Arguments.of("two Hosts", "Host: server.example.com", "Host: a\r\nHost: b", 400),
            Arguments.of("empty Host", "Host: server.example.com", "Host:", 400),
            Arguments.of("no Upgrade", "Upgrade: websocket", "", 400),
            Arguments.of("wrong Upgrade", "Upgrade: websocket", "Upgrade: h2c", 400),
            Arguments.of("no Connection", "Connection: Upgrade", "", 400),
            Arguments.of("wrong Connection", "Connection: Upgrade", "Connection: keep-alive", 400),
            Arguments.of("no key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key:", 400),
            Arguments.of("missing key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "", 400),
            Arguments.of("two keys", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", 400),
            Arguments.of("15-byte key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j", 400),
            Arguments.of("18-byte key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZTEy", 400),
            Arguments.of("key not base64", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25*ZQ==", 400),
            Arguments.of("key unpadded", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ", 400),
            Arguments.of("version 8", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", 426),
            Arguments.of("version missing", "Sec-WebSocket-Version: 13", "", 426),
            Arguments.of("version list", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 13, 8", 426),
            Arguments.of("two Origins", "Origin: http://example.com", "Origin: http://a\r\nOrigin: http://b", 400),
            Arguments.of("bad subprotocol", "Sec-WebSocket-Protocol: chat, superchat", "Sec-WebSocket-Protocol: chat room", 400),
            Arguments.of("bad extensions", "Origin: http://example.com", "Sec-WebSocket-Extensions: foo; =1", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresCarryTheirStatus(String name, String line, String replacement, int status) {
        String request = sampleWith(line, replacement);
        HandshakeException e = assertThrows(HandshakeException.class, () -> validate(request));
        assertEquals(status, e.status(), name);
    }

    @Test
    void wrongVersionAnswersWithTheSupportedVersion() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> validate(sampleWith("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 7")));
        assertEquals(426, e.status());
        assertEquals("13", e.headers().first("Sec-WebSocket-Version"));
        assertEquals("HTTP/1.1 426 Upgrade Required\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Content-Type: text/plain; charset=US-ASCII\r\n"
                + "Content-Length: 40\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "only WebSocket version 13 is supported\r\n", text(ServerHandshake.reject(e)));
    }

    @Test
    void wrongMethodAnswers405WithAllow() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> validate(sampleWith("GET /chat HTTP/1.1", "PUT /chat HTTP/1.1")));
        String response = text(ServerHandshake.reject(e));
        assertTrue(response.startsWith("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n"), response);
    }

    @Test
    void rejectIsOneLineOfPrintableAscii() {
        HandshakeException e = new HandshakeException(431, "bad\r\nInjected: yes \u00e9 " + "x".repeat(500),
                new HttpHeaders().add("Content-Length", "0").add("X-Reason", "limit"));
        String response = text(ServerHandshake.reject(e));
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split);
        String body = response.substring(split + 4);
        assertTrue(head.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\nX-Reason: limit\r\n"), head);
        assertFalse(head.contains("Content-Length: 0"));
        assertTrue(head.contains("Content-Length: " + body.length()));
        assertTrue(head.endsWith("Connection: close"));
        assertEquals(body.length() - 2, body.indexOf("\r\n"));
        assertTrue(body.startsWith("bad??Injected: yes ? x"));
        assertThrows(IllegalArgumentException.class,
                () -> ServerHandshake.reject(HandshakeException.withoutStatus("client side")));
    }

    @Test
    void rejectWithoutMessageUsesTheReasonPhrase() {
        String response = text(ServerHandshake.reject(new HandshakeException(403, null)));
        assertTrue(response.endsWith("\r\n\r\nForbidden\r\n"), response);
    }
}
