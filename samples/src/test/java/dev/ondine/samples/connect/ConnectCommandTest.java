package dev.ondine.samples.connect;

import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.api.client.ClientProperties;
import dev.ondine.api.client.Disconnect;
import dev.ondine.samples.SamplesMain;
import dev.ondine.samples.TestKeyStores;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code connect} command in this JVM against the samples' own server: its arguments, the
 * configuration they make, the statuses, and lines echoed by {@code /echo}. (As a process against
 * Python and Node servers: {@code CommandLineClientTest} in tck-tests.)
 */
class ConnectCommandTest {
    private static OndineServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesMain.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String url(String path) {
        return "ws://127.0.0.1:" + server.address().getPort() + path;
    }

    record Result(int status, String out, String err) {
    }

    private static Result run(String input, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConnectCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(60)
    void linesGoOutAndComeBackThenTheEndOfInputClosesWith1000() throws Exception {
        Result r = run("one\nw\u00f6rld\r\n\nlast", url("/echo"));
        assertEquals(0, r.status(), r.toString());
        assertEquals("one\nw\u00f6rld\n\nlast\n", r.out().replace(System.lineSeparator(), "\n"));
        assertTrue(r.err().contains("Connected to " + url("/echo")) && r.err().contains("Closed with 1000"), r.err());
    }

    @Test
    @Timeout(60)
    void aHeaderReachesTheServer() throws Exception {
        assertEquals(3, run("x\n", url("/secure")).status(), "401 without the token");
        Result r = run("x\n", url("/secure"), "--header", "Authorization: Bearer demo-token");
        assertEquals(0, r.status(), r.toString());
        assertEquals("x", r.out().strip());
    }

    @Test
    @Timeout(60)
    void reconnectEndsWithTheInputToo() throws Exception {
        Result r = run("a\nb\n", url("/echo"), "--reconnect");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("a", "b"), r.out().lines().toList());
        Result refused = run("", url("/nowhere"), "--reconnect");
        assertEquals(3, refused.status(), "404 is not worth retrying: " + refused);
        assertTrue(refused.err().contains("not reconnecting"), refused.err());
    }

    @Test
    @Timeout(60)
    void insecureTrustsASelfSignedCertificateThatNamesAnotherHost(@TempDir Path dir) throws Exception {
        OndineServer tls = SamplesMain.start("127.0.0.1", 0,
                TlsConfig.keyStore(TestKeyStores.selfSigned(dir, "secret"), "secret".toCharArray()));
        try {
            String url = "wss://127.0.0.1:" + tls.address().getPort() + "/echo";
            Result untrusted = run("x\n", url);
            assertEquals(3, untrusted.status(), "a self-signed certificate is not trusted by default: " + untrusted);
            Result insecure = run("x\n", url, "--insecure");
            assertEquals(0, insecure.status(), insecure.toString());
            assertEquals("x", insecure.out().strip(), "CN=localhost, connected as 127.0.0.1: no host name check either");
        } finally {
            tls.stop();
        }
    }

    @Test
    void statusesByHowTheConnectionEnded() {
        assertEquals(0, ConnectCommand.statusOf(closed(1000)));
        assertEquals(4, ConnectCommand.statusOf(closed(1006)));
        assertEquals(5, ConnectCommand.statusOf(closed(1001)));
        assertEquals(5, ConnectCommand.statusOf(closed(4000)));
        assertEquals(3, ConnectCommand.statusOf(Disconnect.connectFailed(new IOException("refused"))));
        assertEquals(3, ConnectCommand.statusOf(Disconnect.handshakeRefused(403, null)));
    }

    private static Disconnect closed(int code) {
        return Disconnect.closed(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), ""));
    }

    @Test
    void argumentsMakeTheConfiguration() throws Exception {
        ConnectOptions o = ConnectOptions.parse(new String[] {"wss://example.com:8443/feed?x=1", "--reconnect",
                "--header", "X-A: 1", "--header", "x-a:2", "--header", "X-B:", "--subprotocol", "v2", "--subprotocol", "v1",
                "--subprotocol", "v2", "--proxy", "http://127.0.0.1:3128", "--insecure"});
        assertEquals(URI.create("wss://example.com:8443/feed?x=1"), o.uri);
        assertTrue(o.reconnect && o.insecure);
        assertEquals(List.of("v2", "v1"), o.subprotocols);
        ClientEndpointConfig config = ConnectCommand.config(o);
        assertEquals(List.of("v2", "v1"), config.getPreferredSubprotocols());
        assertEquals("http://127.0.0.1:3128", config.getUserProperties().get(ClientProperties.PROXY));
        assertEquals(true, config.getUserProperties().get(ClientProperties.DISABLE_HOSTNAME_VERIFICATION));
        assertTrue(config.getSSLContext() != null, "--insecure: the standard sslContext");
        Map<String, List<String>> headers = new HashMap<>();
        config.getConfigurator().beforeRequest(headers);
        assertEquals(List.of("1"), headers.get("X-A"));
        assertEquals(List.of("2"), headers.get("x-a"));
        assertEquals(List.of(""), headers.get("X-B"));
    }

    @Test
    void badArgumentsAreToldInOneLine() throws Exception {
        for (String[] args : List.of(new String[0], new String[] {"ftp://x/"}, new String[] {"ws://"},
                new String[] {"ws://h/#frag"}, new String[] {"ws://h/", "ws://i/"}, new String[] {"ws://h/", "--header"},
                new String[] {"ws://h/", "--header", ": v"}, new String[] {"ws://h/", "--header", "Host: x"},
                new String[] {"ws://h/", "--header", "Sec-WebSocket-Protocol: x"},
                new String[] {"ws://h/", "--subprotocol", "a,b"}, new String[] {"ws://h/", "--proxy", "http://h"},
                new String[] {"ws://h/", "--nope"})) {
            assertThrows(ConnectOptions.BadArguments.class, () -> ConnectOptions.parse(args), String.join(" ", args));
            Result r = run("", args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals("", r.out());
        }
        Result help = run("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("Exit status: 0 closed normally"), help.out());
    }
}
