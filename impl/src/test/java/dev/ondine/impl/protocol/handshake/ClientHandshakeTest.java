package dev.ondine.impl.protocol.handshake;

import static dev.ondine.impl.protocol.handshake.Bytes.RFC_RESPONSE;
import static dev.ondine.impl.protocol.handshake.Bytes.ascii;
import static dev.ondine.impl.protocol.handshake.Bytes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHandshakeTest {

    private static final byte[] SAMPLE_NONCE = "the sample nonce".getBytes(StandardCharsets.US_ASCII);

    private static ClientHandshake sample(List<ExtensionOffer> extensions) {
        return new ClientHandshake(URI.create("ws://server.example.com/chat"), List.of("chat", "superchat"),
                extensions, new HttpHeaders().add("Origin", "http://example.com"), SAMPLE_NONCE);
    }

    private static HttpResponseHead response(String s) throws HandshakeException {
        return new HttpResponseParser(4096).feed(ascii(s));
    }

    @Test
    void requestBytesForTheRfcSample() {
        ClientHandshake c = sample(List.of());
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", c.key());
        assertEquals("GET /chat HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                + "Origin: http://example.com\r\n"
                + "\r\n", text(c.request()));
    }

    @Test
    void requestWithExtensionsPortAndQueryPassesTheServer() throws HandshakeException {
        ClientHandshake c = new ClientHandshake(URI.create("wss://h.example:8443/a%20b?x=1"), List.of(),
                List.of(new ExtensionOffer("permessage-deflate").with("client_max_window_bits", null)), null);
        assertEquals(true, c.secure());
        assertEquals(8443, c.port());
        assertEquals("/a%20b?x=1", c.requestTarget());
        WebSocketUpgradeRequest req = ServerHandshake.validate(new HttpRequestParser(4096).feed(c.request()));
        assertEquals("h.example:8443", req.host());
        assertEquals("/a%20b", req.path());
        assertEquals("x=1", req.rawQuery());
        assertEquals(c.key(), req.key());
        assertEquals("permessage-deflate; client_max_window_bits",
                req.headers().first("Sec-WebSocket-Extensions"));
    }

    @Test
    void defaultPortsAreLeftOutOfHost() throws HandshakeException {
        ClientHandshake wss = new ClientHandshake(URI.create("wss://[::1]:443"), List.of(), List.of(), null);
        assertEquals(443, wss.port());
        assertEquals("[::1]", wss.host());
        assertEquals("/", wss.requestTarget());
        HttpRequestHead head = new HttpRequestParser(4096).feed(wss.request());
        assertEquals("[::1]", head.headers().first("Host"));
        ClientHandshake ws = new ClientHandshake(URI.create("ws://h:8080/"), List.of(), List.of(), null);
        assertEquals("h:8080", new HttpRequestParser(4096).feed(ws.request()).headers().first("Host"));
        assertEquals(80, new ClientHandshake(URI.create("ws://h"), List.of(), List.of(), null).port());
    }

    @Test
    void randomKeysDiffer() {
        URI uri = URI.create("ws://h/");
        String a = new ClientHandshake(uri, List.of(), List.of(), null).key();
        String b = new ClientHandshake(uri, List.of(), List.of(), null).key();
        assertEquals(24, a.length());
        assertNotEquals(a, b);
    }

    @Test
    void badUrisAndHeadersAreRefused() {
        HttpHeaders none = null;
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("http://h/"), List.of(), List.of(), none));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws://h/#frag"), List.of(), List.of(), none));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws:/nohost"), List.of(), List.of(), none));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws://h/"), List.of("a b"), List.of(), none));
        assertThrows(IllegalArgumentException.class, () -> new ClientHandshake(URI.create("ws://h/"), List.of(),
                List.of(), new HttpHeaders().add("Sec-WebSocket-Key", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws://h/"), List.of(), List.of(), none, new byte[15]));
    }

    @Test
    void acceptsTheRfcSampleResponse() throws HandshakeException {
        HandshakeResult r = sample(List.of()).validate(response(RFC_RESPONSE));
        assertEquals("chat", r.subprotocol());
        assertEquals(List.of(), r.extensions());
        assertEquals(101, r.response().status());
    }

    @Test
    void acceptsOddCaseAndOfferedExtensions() throws HandshakeException {
        ClientHandshake c = sample(List.of(new ExtensionOffer("permessage-deflate"), new ExtensionOffer("x-other")));
        HandshakeResult r = c.validate(response("HTTP/1.1 101 Switching Protocols\r\n"
                + "upgrade: WebSocket\r\n"
                + "CONNECTION: upgrade\r\n"
                + "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10\r\n"
                + "\r\n"));
        assertNull(r.subprotocol());
        assertEquals(List.of(new ExtensionOffer("permessage-deflate").with("server_max_window_bits", "10")),
                r.extensions());
    }

    private static int failure(String response, List<ExtensionOffer> offered) {
        return assertThrows(HandshakeException.class, () -> sample(offered).validate(response(response))).status();
    }

    private static String rfcResponseWith(String line, String replacement) {
        String r = RFC_RESPONSE.replace(line + "\r\n", replacement.isEmpty() ? "" : replacement + "\r\n");
        if (r.equals(RFC_RESPONSE)) {
            throw new IllegalArgumentException(line);
        }
        return r;
    }

    @Test
    void refusesAWrongAcceptValue() {
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOA="), List.of()));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ""), List.of()));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Accept: x"), List.of()));
    }

    @Test
    void refusesAnyStatusButSwitchingProtocols() {
        assertEquals(200, failure(rfcResponseWith("HTTP/1.1 101 Switching Protocols", "HTTP/1.1 200 OK"), List.of()));
        assertEquals(403, failure("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", List.of()));
    }

    @Test
    void refusesMissingUpgradeOrConnection() {
        assertEquals(101, failure(rfcResponseWith("Upgrade: websocket", ""), List.of()));
        assertEquals(101, failure(rfcResponseWith("Upgrade: websocket", "Upgrade: h2c"), List.of()));
        assertEquals(101, failure(rfcResponseWith("Connection: Upgrade", "Connection: close"), List.of()));
    }

    @Test
    void refusesAnUnofferedOrSecondSubprotocol() {
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Protocol: mqtt"), List.of()));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Protocol: chat, superchat"), List.of()));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat"), List.of()));
    }

    @Test
    void refusesAnUnofferedRepeatedOrMalformedExtension() {
        List<ExtensionOffer> deflate = List.of(new ExtensionOffer("permessage-deflate"));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Extensions: x-webkit-deflate-frame"), deflate));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Extensions: permessage-deflate"), List.of()));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate"), deflate));
        assertEquals(101, failure(rfcResponseWith("Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Extensions: permessage-deflate; a=\"b c\""), deflate));
    }
}
