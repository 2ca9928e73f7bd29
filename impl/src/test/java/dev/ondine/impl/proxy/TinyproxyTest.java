package dev.ondine.impl.proxy;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.testsupport.FreePorts;
import dev.ondine.testsupport.Tinyproxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ws:// and wss:// through a real proxy server, tinyproxy (Debian's package; skipped without
 * it, see {@code scripts/install-test-peers.sh}), open and with Basic authentication.
 */
class TinyproxyTest extends WithEchoServers {

    @Test
    void wsAndWssEchoThroughTinyproxy() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.start(dir, null, null)) {
            Map<String, Object> through = Map.of(ClientProperties.PROXY, tinyproxy.uri());
            fixtures.echo(fixtures.ws("127.0.0.1"), through);
            // The certificate names localhost; tinyproxy resolves it.
            fixtures.echo(fixtures.wss("localhost"), through);
            String log = tinyproxy.logText();
            assertTrue(log.contains("CONNECT 127.0.0.1:" + fixtures.plain.address().getPort()), log);
            assertTrue(log.contains("CONNECT localhost:" + fixtures.tls.address().getPort()), log);
        }
    }

    @Test
    void tinyproxysBasicAuthentication() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.start(dir, "alice", "s3cret")) {
            fixtures.echo(fixtures.wss("localhost"), Map.of(ClientProperties.PROXY, tinyproxy.uri(),
                    ClientProperties.PROXY_CREDENTIALS, "alice:s3cret"));
            fixtures.echo(fixtures.ws("127.0.0.1"),
                    Map.of(ClientProperties.PROXY, "http://alice:s3cret@127.0.0.1:" + tinyproxy.port()));

            IOException wrong = assertThrows(IOException.class, () -> ProxyFixtures.container().connectToServer(
                    new ProxyFixtures.Client(), fixtures.config(Map.of(ClientProperties.PROXY, tinyproxy.uri(),
                            ClientProperties.PROXY_CREDENTIALS, "alice:guess")), fixtures.ws("127.0.0.1")));
            // tinyproxy answers wrong credentials with 401 (and a first request without any with 407).
            assertEquals("proxy 127.0.0.1:" + tinyproxy.port() + " answered CONNECT 127.0.0.1:" + fixtures.plain.address().getPort()
                    + " with 401 Unauthorized: it refused the credentials of user alice", wrong.getMessage());

            IOException missing = assertThrows(IOException.class, () -> ProxyFixtures.container().connectToServer(
                    new ProxyFixtures.Client(), fixtures.config(Map.of(ClientProperties.PROXY, tinyproxy.uri())),
                    fixtures.ws("127.0.0.1")));
            assertTrue(missing.getMessage().endsWith("407 Proxy Authentication Required, and no proxy credentials are configured"),
                    missing.getMessage());
        }
    }

    @Test
    void tinyproxyRefusingATargetIsNamed() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.start(dir, null, null)) {
            int nowhere = FreePorts.closed();
            IOException e = assertThrows(IOException.class, () -> ProxyFixtures.container().connectToServer(
                    new ProxyFixtures.Client(), fixtures.config(Map.of(ClientProperties.PROXY, tinyproxy.uri())),
                    URI.create("ws://127.0.0.1:" + nowhere + "/")));
            assertEquals("proxy 127.0.0.1:" + tinyproxy.port() + " refused CONNECT 127.0.0.1:" + nowhere
                    + ": 500 Unable to connect", e.getMessage());
        }
    }
}
