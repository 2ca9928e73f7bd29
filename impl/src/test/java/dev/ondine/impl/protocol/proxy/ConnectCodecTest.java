package dev.ondine.impl.protocol.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CONNECT request and the proxy's answer, byte for byte (RFC 9110 §9.3.6, RFC 7617). */
class ConnectCodecTest {

    private static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------ request

    @Test
    void requestNamesTheTargetInAuthorityFormAndInHost() {
        assertEquals("CONNECT server.example.com:80 HTTP/1.1\r\nHost: server.example.com:80\r\n\r\n",
                text(ConnectRequest.bytes("server.example.com", 80, null)));
        assertEquals("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n",
                text(ConnectRequest.bytes("[::1]", 8443, null)));
        assertEquals("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n",
                text(ConnectRequest.bytes("127.0.0.1", 443, null)));
    }

    @Test
    void requestCarriesBasicCredentialsAsInRfc7617() {
        // RFC 7617 §2: "Aladdin" / "open sesame".
        assertEquals("CONNECT h:1 HTTP/1.1\r\nHost: h:1\r\nProxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n",
                text(ConnectRequest.bytes("h", 1, new BasicCredentials("Aladdin", "open sesame".toCharArray()))));
        // RFC 7617 §2.1: "test" / "123£" in UTF-8.
        assertEquals("Basic dGVzdDoxMjPCow==", new BasicCredentials("test", "123\u00a3".toCharArray()).authorization());
        // The password may hold colons; the user may not.
        assertEquals("a", BasicCredentials.parse("a:b:c").user());
        assertEquals("Basic YTpiOmM=", BasicCredentials.parse("a:b:c").authorization());
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("a:b", new char[] {'c'}));
        assertThrows(IllegalArgumentException.class, () -> BasicCredentials.parse("no-colon"));
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("a", "b\r\nX: y".toCharArray()));
        assertFalse(BasicCredentials.parse("u:secret").toString().contains("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\r\nX: y", "a/b", "[::1", "a@b", "[::1]x"})
    void requestRefusesHostsThatCouldSplitIt(String host) {
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.bytes(host, 80, null));
    }

    @Test
    void requestRefusesPortsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.bytes("h", 0, null));
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.bytes("h", 65536, null));
    }

    // ------------------------------------------------------------------ response

    @Test
    void successByteByByteLeavesTheTunnelsFirstBytes() throws ConnectException {
        String head = "HTTP/1.1 200 Connection established\r\nProxy-agent: test\r\n\r\n";
        byte[] all = (head + "\u0016\u0003\u0001").getBytes(StandardCharsets.ISO_8859_1);
        ConnectResponseReader reader = new ConnectResponseReader(1024);
        ConnectAnswer answer = null;
        int i = 0;
        for (; answer == null; i++) {
            answer = reader.feed(ByteBuffer.wrap(all, i, 1));
        }
        assertEquals(head.length(), i);
        assertTrue(answer.tunnelEstablished());
        assertEquals("200 Connection established", answer.statusLine());

        ByteBuffer whole = ByteBuffer.wrap(all);
        assertTrue(new ConnectResponseReader(1024).feed(whole).tunnelEstablished());
        assertEquals(3, whole.remaining(), "the bytes after the head are the tunnel's");
        assertEquals(0x16, whole.get(whole.position()));
    }

    @Test
    void anyTwoHundredOpensTheTunnelAndItsContentLengthIsIgnored() throws ConnectException {
        // RFC 9110 §9.3.6: a client ignores Content-Length / Transfer-Encoding in a 2xx to CONNECT.
        ByteBuffer in = bytes("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nXY");
        ConnectAnswer a = new ConnectResponseReader(1024).feed(in);
        assertTrue(a.tunnelEstablished());
        assertEquals(2, in.remaining());
        assertTrue(new ConnectResponseReader(1024).feed(bytes("HTTP/1.1 204 \r\n\r\n")).tunnelEstablished());
    }

    @Test
    void interimResponsesAreSkippedWithinTheSameLimit() throws ConnectException {
        ConnectAnswer a = new ConnectResponseReader(1024)
                .feed(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"));
        assertNotNull(a);
        assertEquals(200, a.status());
        // The limit counts every head: 19 + 19 bytes of interim heads leave too little for the final one.
        ConnectResponseReader small = new ConnectResponseReader(50);
        ConnectException e = assertThrows(ConnectException.class,
                () -> small.feed(bytes("HTTP/1.1 100 A\r\n\r\nHTTP/1.1 100 B\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void refusalsAndTheirStatusLines() throws ConnectException {
        ConnectAnswer forbidden = new ConnectResponseReader(1024)
                .feed(bytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nno!"));
        assertFalse(forbidden.tunnelEstablished());
        assertFalse(forbidden.authenticationRequired());
        assertEquals("403 Forbidden", forbidden.statusLine());
        assertEquals("502", new ConnectResponseReader(1024).feed(bytes("HTTP/1.1 502\r\n\r\n")).statusLine());
    }

    @Test
    void proxyAuthenticationRequiredNamesItsChallenges() throws ConnectException {
        ConnectAnswer a = new ConnectResponseReader(1024).feed(bytes("HTTP/1.0 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Digest realm=\"d\", nonce=\"n, with comma\", qop=\"auth\", Basic realm=\"Tiny \\\"proxy\\\"\", charset=UTF-8\r\n"
                + "Proxy-Authenticate: Negotiate\r\n"
                + "Proxy-Authenticate: NTLM TlRMTVNTUAABAAAAB4IIog==\r\n\r\n"));
        assertTrue(a.authenticationRequired());
        List<AuthChallenge> challenges = a.challenges();
        assertEquals(List.of("Digest", "Basic", "Negotiate", "NTLM"), challenges.stream().map(AuthChallenge::scheme).toList());
        assertEquals(Map.of("realm", "d", "nonce", "n, with comma", "qop", "auth"), challenges.get(0).params());
        assertEquals("Tiny \"proxy\"", a.basicChallenge().orElseThrow().realm());
        assertEquals("UTF-8", challenges.get(1).params().get("charset"));
        assertEquals(Map.of(), challenges.get(2).params());
        assertEquals("TlRMTVNTUAABAAAAB4IIog==", challenges.get(3).params().get("token68"));
    }

    @Test
    void challengesAllowWhitespaceAroundEqualsAndEmptyElements() {
        List<AuthChallenge> c = AuthChallenge.parse(List.of(", basic realm = \"r\" ,, Bearer abc= , Other x=y"));
        assertEquals(3, c.size());
        assertTrue(c.get(0).isBasic());
        assertEquals("r", c.get(0).realm());
        assertEquals("abc=", c.get(1).params().get("token68"));
        assertEquals("y", c.get(2).params().get("x"));
    }

    @Test
    void schemesWithoutParametersAreLegal() {
        assertEquals(List.of("Basic", "Negotiate"),
                AuthChallenge.parse(List.of("Basic ,", "Negotiate")).stream().map(AuthChallenge::scheme).toList());
        assertEquals(2, AuthChallenge.parse(List.of("Basic, realm")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic realm=\"unterminated", "=x", "Basic realm=\"a\" junk", "Basic a b", "Basic r=\"a\"\"b\"",
        "Basic realm=\u00e9", "Basic a/b=c"})
    void malformedChallengesAreRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> AuthChallenge.parse(List.of(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/2.0 200 OK\r\n\r\n",            // not HTTP/1.x
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: \u0000\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2\r\n\r\n",
    })
    void malformedAnswersAreRefused(String response) {
        ConnectException e = assertThrows(ConnectException.class, () -> new ConnectResponseReader(1024).feed(bytes(response)));
        assertFalse(e.getMessage().contains("server"), e.getMessage());
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedBeforeItEnds() throws ConnectException {
        ConnectResponseReader reader = new ConnectResponseReader(64);
        assertNull(reader.feed(bytes("HTTP/1.1 200 OK\r\n")));
        ConnectException e = assertThrows(ConnectException.class, () -> reader.feed(bytes("X-Filler: " + "a".repeat(60))));
        assertTrue(e.getMessage().contains("larger than 64 bytes"), e.getMessage());
    }
}
