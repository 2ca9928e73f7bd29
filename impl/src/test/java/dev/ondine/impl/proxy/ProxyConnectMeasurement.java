package dev.ondine.impl.proxy;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.testsupport.Tinyproxy;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/**
 * Time to open a connection (connect, handshake, onOpen; closed right after), direct, through the
 * test proxy, and through tinyproxy, open and asking for credentials (a 407, then a second
 * connection). Run on demand:
 * {@code mvn -o -pl api,impl -am test -Dtest=ProxyConnectMeasurement -Dondine.measure=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "ondine.measure", matches = "true")
class ProxyConnectMeasurement extends WithEchoServers {
    private static final int CONNECTS = 300;

    @Test
    void connectTimes() throws Exception {
        try (Tinyproxy open = Tinyproxy.start(dir, null, null);
             Tinyproxy auth = Tinyproxy.start(dir, "alice", "s3cret")) {
            Map<String, Object> direct = Map.of(ClientProperties.PROXY, "DIRECT");
            Map<String, Object> viaOpen = Map.of(ClientProperties.PROXY, open.uri());
            Map<String, Object> viaAuth = Map.of(ClientProperties.PROXY, auth.uri(),
                    ClientProperties.PROXY_CREDENTIALS, "alice:s3cret");
            try (TestProxy test = new TestProxy(TestProxy.Mode.TUNNEL)) {
                Map<String, Object> viaTest = Map.of(ClientProperties.PROXY, test.uri());
                measure(fixtures.ws("localhost"), viaTest, 50);
                System.out.printf("ws test proxy: %s%n", measure(fixtures.ws("localhost"), viaTest, CONNECTS));
            }
            for (String scheme : new String[] {"ws", "wss"}) {
                URI uri = scheme.equals("ws") ? fixtures.ws("localhost") : fixtures.wss("localhost");
                for (Map<String, Object> way : new Map[] {direct, viaOpen, viaAuth}) {
                    measure(uri, way, 50); // warm up
                }
                System.out.printf("%s direct: %s%n", scheme, measure(uri, direct, CONNECTS));
                System.out.printf("%s tinyproxy: %s%n", scheme, measure(uri, viaOpen, CONNECTS));
                System.out.printf("%s tinyproxy with Basic (407, then again): %s%n", scheme, measure(uri, viaAuth, CONNECTS));
            }
        }
    }

    private static String measure(URI uri, Map<String, Object> properties, int n) throws Exception {
        ClientEndpointConfig config = fixtures.config(properties);
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Session s = ProxyFixtures.container().connectToServer(new ProxyFixtures.Client(), config, uri);
            micros[i] = (System.nanoTime() - start) / 1_000;
            s.close();
        }
        Arrays.sort(micros);
        return String.format("median %d us, p90 %d us (%d connects)", micros[n / 2], micros[n * 9 / 10], n);
    }
}
