package dev.ondine.impl.proxy;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.testsupport.FreePorts;
import jakarta.websocket.DeploymentException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ws:// and wss:// through the test proxy configured per connection: tunnels, Basic
 * authentication, refusals, silence, and bytes that follow the proxy's answer.
 */
class ProxyTunnelTest extends WithEchoServers {

    private static Map<String, Object> through(Object proxy) {
        return Map.of(ClientProperties.PROXY, proxy);
    }

    /** The connect fails, without opening a session; returns the failure. */
    private static Exception failure(URI uri, Map<String, Object> properties) throws Exception {
        ProxyFixtures.Client client = new ProxyFixtures.Client();
        Exception e = assertThrows(Exception.class,
                () -> ProxyFixtures.container().connectToServer(client, fixtures.config(properties), uri));
        assertFalse(client.opened, "no session");
        return e;
    }

    @Test
    void wsAndWssGoThroughTheTunnel() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            fixtures.echo(fixtures.ws("127.0.0.1"), through(proxy.uri()));
            int ws = fixtures.plain.address().getPort();
            assertEquals("CONNECT 127.0.0.1:" + ws + " HTTP/1.1\r\nHost: 127.0.0.1:" + ws + "\r\n\r\n", proxy.requests.get(0));

            // TLS inside the tunnel, the certificate checked against the target's name (localhost),
            // which the client never resolves itself: the proxy does.
            fixtures.echo(fixtures.wss("localhost"), through(URI.create(proxy.uri())));
            assertTrue(proxy.requests.get(1).startsWith("CONNECT localhost:" + fixtures.tls.address().getPort() + " "));

            // A java.net.Proxy does as well.
            fixtures.echo(fixtures.wss("localhost"),
                    through(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port()))));
            assertEquals(3, proxy.requests.size());
        }
    }

    @Test
    void theCertificateMustNameTheTargetNotTheProxy() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            // The certificate names localhost; the target is 127.0.0.1 (the proxy's address too).
            Exception e = failure(fixtures.wss("127.0.0.1"), through(proxy.uri()));
            assertTrue(e instanceof IOException, e.toString());
            assertEquals(1, proxy.requests.size(), "the tunnel was made, TLS inside it failed");
        }
    }

    @Test
    void basicAuthenticationRetriesOnceWithTheCredentials() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL, "alice", "pa:ss wörd")) {
            fixtures.echo(fixtures.wss("localhost"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.PROXY_CREDENTIALS, "alice:pa:ss wörd"));
            assertEquals(2, proxy.requests.size(), "a first CONNECT without credentials, then one with");
            assertFalse(proxy.requests.get(0).contains("Proxy-Authorization"));
            assertTrue(proxy.requests.get(1).contains("Proxy-Authorization: Basic YWxpY2U6cGE6c3Mgd8O2cmQ=\r\n"),
                    proxy.requests.get(1));

            // Credentials in the proxy's URI (percent-encoded), or as a PasswordAuthentication.
            fixtures.echo(fixtures.ws("127.0.0.1"),
                    through("http://alice:pa%3Ass%20w%C3%B6rd@127.0.0.1:" + proxy.port()));
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.PROXY_CREDENTIALS, new PasswordAuthentication("alice", "pa:ss wörd".toCharArray())));
            assertEquals(6, proxy.requests.size());
        }
    }

    @Test
    void wrongOrMissingCredentialsFailWithTheProxysAnswer() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL, "alice", "secret")) {
            Exception wrong = failure(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.PROXY_CREDENTIALS, "alice:guess"));
            assertTrue(wrong instanceof IOException, wrong.toString());
            assertEquals("proxy 127.0.0.1:" + proxy.port() + " answered CONNECT 127.0.0.1:" + fixtures.plain.address().getPort()
                    + " with 407 Proxy Authentication Required: it refused the credentials of user alice", wrong.getMessage());
            assertEquals(2, proxy.requests.size(), "one retry, not more");

            Exception missing = failure(fixtures.wss("localhost"), through(proxy.uri()));
            assertTrue(missing instanceof IOException, missing.toString());
            assertTrue(missing.getMessage().startsWith("proxy 127.0.0.1:" + proxy.port() + " answered CONNECT localhost:"),
                    missing.getMessage());
            assertTrue(missing.getMessage().endsWith("with 407 Proxy Authentication Required, and no proxy credentials are configured"),
                    missing.getMessage());
            assertFalse(missing.getMessage().contains("secret"));
        }
    }

    @Test
    void aProxyThatAsksForAnotherSchemeIsNamedWithIt() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.DIGEST_ONLY)) {
            Exception e = failure(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.PROXY_CREDENTIALS, "alice:secret"));
            assertTrue(e.getMessage().endsWith("it asks for Digest, and only Basic is supported"), e.getMessage());
        }
    }

    @Test
    void aRefusalNamesTheProxyAndItsStatus() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.REFUSE)) {
            Exception e = failure(fixtures.ws("127.0.0.1"), through(proxy.uri()));
            assertTrue(e instanceof IOException, e.toString());
            assertEquals("proxy 127.0.0.1:" + proxy.port() + " refused CONNECT 127.0.0.1:" + fixtures.plain.address().getPort()
                    + ": 403 Forbidden", e.getMessage());
        }
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            int nowhere = FreePorts.closed();
            Exception e = failure(URI.create("ws://127.0.0.1:" + nowhere + "/echo"), through(proxy.uri()));
            assertTrue(e.getMessage().endsWith("refused CONNECT 127.0.0.1:" + nowhere + ": 502 Bad Gateway"), e.getMessage());
        }
    }

    @Test
    void aProxyThatClosesOrNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.CLOSE)) {
            Exception e = failure(fixtures.ws("127.0.0.1"), through(proxy.uri()));
            assertTrue(e instanceof IOException, e.toString());
            assertTrue(e.getMessage().startsWith("proxy 127.0.0.1:" + proxy.port() + " closed the connection before answering CONNECT"),
                    e.getMessage());
        }
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.SILENT)) {
            long start = System.nanoTime();
            Exception e = failure(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.CONNECT_TIMEOUT_MILLIS, 1_000));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e instanceof IOException, e.toString());
            assertTrue(e.getMessage().contains("proxy 127.0.0.1:" + proxy.port()), e.getMessage());
            assertTrue(millis >= 900 && millis < 8_000, millis + " ms");
        }
    }

    @Test
    void anUnreachableProxyIsNamed() throws Exception {
        int nowhere = FreePorts.closed();
        Exception e = failure(fixtures.ws("127.0.0.1"), through("http://127.0.0.1:" + nowhere));
        assertTrue(e instanceof IOException, e.toString());
        assertTrue(e.getMessage().startsWith("Cannot connect to proxy 127.0.0.1:" + nowhere + ": "), e.getMessage());
    }

    @Test
    void bytesAfterTheProxysAnswerBelongToTheNextPhase() throws Exception {
        // ws: the bytes after the 200 are read as the server's handshake answer, a 418.
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.EARLY_HTTP)) {
            Exception e = failure(fixtures.ws("127.0.0.1"), through(proxy.uri()));
            assertTrue(e instanceof DeploymentException, e.toString());
            assertTrue(e.getMessage().contains("418"), e.getMessage());
        }
        // wss: they go to TLS, which finds they are not TLS (rather than waiting for records).
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.EARLY_GARBAGE)) {
            long start = System.nanoTime();
            Exception e = failure(fixtures.wss("localhost"), Map.of(ClientProperties.PROXY, proxy.uri(),
                    ClientProperties.CONNECT_TIMEOUT_MILLIS, 30_000));
            assertTrue(e instanceof IOException, e.toString());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 15_000, "failed at once, not at the timeout");
        }
    }

    @Test
    void propertiesHoldingWhatTheyMayNotAreDeploymentErrors() throws Exception {
        for (Object bad : new Object[] {"https://127.0.0.1:1", "socks://127.0.0.1:1", "http://127.0.0.1:1/path",
            "not a uri", 42, new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1))}) {
            Exception e = failure(fixtures.ws("127.0.0.1"), through(bad));
            assertTrue(e instanceof DeploymentException, bad + ": " + e);
            assertTrue(e.getMessage().startsWith(ClientProperties.PROXY + " "), e.getMessage());
        }
        Exception e = failure(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, "http://127.0.0.1:1",
                ClientProperties.PROXY_CREDENTIALS, "no colon"));
        assertTrue(e instanceof DeploymentException, e.toString());
        // The password never shows in a message.
        Exception withPassword = failure(fixtures.ws("127.0.0.1"), through("https://u:topsecret@127.0.0.1:1"));
        assertFalse(withPassword.getMessage().contains("topsecret"), withPassword.getMessage());
    }

    @Test
    void directMeansNoProxy() throws Exception {
        fixtures.echo(fixtures.ws("127.0.0.1"), through("DIRECT"));
        fixtures.echo(fixtures.ws("127.0.0.1"), through(Proxy.NO_PROXY));
    }

}
