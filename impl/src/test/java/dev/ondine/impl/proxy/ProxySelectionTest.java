package dev.ondine.impl.proxy;

import dev.ondine.api.client.ClientProperties;
import dev.ondine.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's conventions, as {@code java.net.http.HttpClient} follows them: without a proxy in
 * the configuration the client asks {@link ProxySelector#getDefault()} with the http(s) form
 * of the URI, so {@code http.proxyHost}, {@code https.proxyHost} and {@code http.nonProxyHosts}
 * apply (loopback targets bypass the proxy unless {@code http.nonProxyHosts} is set), and tells
 * the selector when its proxy cannot be reached. Every property and the default selector are
 * restored after each test.
 */
class ProxySelectionTest extends WithEchoServers {
    private static final List<String> PROPERTIES = List.of("http.proxyHost", "http.proxyPort", "https.proxyHost",
            "https.proxyPort", "http.nonProxyHosts", "socksProxyHost", "socksProxyPort");

    private final Map<String, String> saved = new HashMap<>();
    private ProxySelector savedSelector;

    @BeforeEach
    void save() {
        savedSelector = ProxySelector.getDefault();
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
            System.clearProperty(p);
        }
    }

    @AfterEach
    void restore() {
        ProxySelector.setDefault(savedSelector);
        for (String p : PROPERTIES) {
            if (saved.get(p) == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, saved.get(p));
            }
        }
    }

    /** A selector that records what it is asked and answers one proxy for everything. */
    static final class RecordingSelector extends ProxySelector {
        final List<URI> asked = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        final Proxy answer;

        RecordingSelector(Proxy answer) {
            this.answer = answer;
        }

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(answer);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            failures.add(uri + " " + address + " " + Thread.currentThread().getName() + " " + e.getMessage());
        }
    }

    private static Proxy http(int port) {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", port));
    }

    @Test
    void theDefaultSelectorIsAskedWithTheHttpFormOfTheUri() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            RecordingSelector selector = new RecordingSelector(http(proxy.port()));
            ProxySelector.setDefault(selector);
            URI ws = URI.create(fixtures.ws("127.0.0.1") + "?a=b");
            fixtures.echo(ws, Map.of());
            fixtures.echo(fixtures.wss("localhost"), Map.of());
            assertEquals(List.of(URI.create("http://127.0.0.1:" + fixtures.plain.address().getPort() + "/echo?a=b"),
                    URI.create("https://localhost:" + fixtures.tls.address().getPort() + "/echo")), selector.asked);
            assertEquals(2, proxy.requests.size());

            // The configuration's own choice comes first: the default selector is not asked.
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of(ClientProperties.PROXY, "DIRECT"));
            assertEquals(2, selector.asked.size());
            assertEquals(2, proxy.requests.size());
        }
    }

    @Test
    void theSelectorIsAskedWhatHttpClientAsksItAndTheProxySeesTheSameConnect() throws Exception {
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            RecordingSelector selector = new RecordingSelector(http(proxy.port()));
            ProxySelector.setDefault(selector);
            List<URI> targets = List.of(URI.create(fixtures.ws("127.0.0.1") + "?a=b"), fixtures.wss("localhost"));
            HttpClient jdk = HttpClient.newBuilder().sslContext(fixtures.localhost.trustingContext()).build();
            for (URI target : targets) {
                BlockingQueue<String> echoed = new LinkedBlockingQueue<>();
                WebSocket ws = jdk.newWebSocketBuilder().buildAsync(target, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        echoed.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
                ws.sendText("jdk", true).get(10, TimeUnit.SECONDS);
                assertEquals("jdk", echoed.poll(10, TimeUnit.SECONDS));
                ws.abort();
            }
            List<URI> askedByJdk = List.copyOf(selector.asked);
            List<String> requestLinesOfJdk = requestLines(proxy.requests);
            assertEquals(2, requestLinesOfJdk.size(), "HttpClient went through the proxy");
            selector.asked.clear();
            proxy.requests.clear();
            for (URI target : targets) {
                fixtures.echo(target, Map.of());
            }
            assertEquals(askedByJdk, selector.asked);
            assertEquals(requestLinesOfJdk, requestLines(proxy.requests));
        }
    }

    /** The request line and Host field of each CONNECT. */
    private static List<String> requestLines(List<String> heads) {
        return heads.stream().map(h -> h.substring(0, h.indexOf("\r\n")) + " | "
                + h.lines().filter(l -> l.regionMatches(true, 0, "Host:", 0, 5)).findFirst().orElse("")).toList();
    }

    @Test
    void aSelectorsProxyThatCannotBeReachedIsReportedToIt() throws Exception {
        int nowhere = FreePorts.closed();
        RecordingSelector selector = new RecordingSelector(http(nowhere));
        ProxySelector.setDefault(selector);
        Exception e = assertThrows(IOException.class, () -> ProxyFixtures.container()
                .connectToServer(new ProxyFixtures.Client(), fixtures.config(Map.of()), fixtures.ws("127.0.0.1")));
        assertTrue(e.getMessage().startsWith("Cannot connect to proxy 127.0.0.1:" + nowhere), e.getMessage());
        String failure = selector.failures.poll(10, TimeUnit.SECONDS);
        assertTrue(failure != null, "connectFailed was not called");
        assertTrue(failure.startsWith("http://127.0.0.1:" + fixtures.plain.address().getPort() + "/echo 127.0.0.1"), failure);
        assertTrue(!failure.matches(".* ondine-client-\\d+-\\d+ .*"), "not on the selector thread: " + failure);

        // A selector in the configuration is told as well; one that refuses (a 403) is not a failure to connect.
        try (TestProxy refusing = new TestProxy(TestProxy.Mode.REFUSE)) {
            RecordingSelector own = new RecordingSelector(http(refusing.port()));
            assertThrows(IOException.class, () -> ProxyFixtures.container().connectToServer(new ProxyFixtures.Client(),
                    fixtures.config(Map.of(ClientProperties.PROXY, own)), fixtures.ws("127.0.0.1")));
            assertEquals(1, own.asked.size());
            assertEquals(null, own.failures.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void systemPropertiesChooseTheProxyAndNonProxyHostsBypassIt() throws Exception {
        ProxySelector.setDefault(savedSelector); // the JDK's own
        try (TestProxy proxy = new TestProxy(TestProxy.Mode.TUNNEL)) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
            System.setProperty("https.proxyHost", "127.0.0.1");
            System.setProperty("https.proxyPort", String.valueOf(proxy.port()));

            // echo.test is a name only the proxy resolves: ws through http.proxyHost, wss through https.proxyHost.
            fixtures.echo(fixtures.ws("echo.test"), Map.of());
            fixtures.echo(fixtures.wss("echo.test"), Map.of());
            assertEquals(2, proxy.requests.size());
            assertTrue(proxy.requests.get(1).startsWith("CONNECT echo.test:" + fixtures.tls.address().getPort() + " "),
                    proxy.requests.get(1));

            // Loopback targets are not proxied: the JDK adds localhost|127.*|[::1]|0.0.0.0|[::0] to any non-empty list.
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of());
            fixtures.echo(fixtures.wss("localhost"), Map.of());
            System.setProperty("http.nonProxyHosts", "*.example.invalid");
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of());
            assertEquals(2, proxy.requests.size());

            // A host the list names bypasses the proxy: echo.test is then looked up here, and is not found.
            System.setProperty("http.nonProxyHosts", "*.test");
            IOException direct = assertThrows(IOException.class, () -> ProxyFixtures.container()
                    .connectToServer(new ProxyFixtures.Client(), fixtures.config(Map.of()), fixtures.wss("echo.test")));
            assertTrue(direct.getMessage().contains("echo.test"), direct.getMessage());
            assertEquals(2, proxy.requests.size());

            // An empty list proxies loopback targets too.
            System.setProperty("http.nonProxyHosts", "");
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of());
            assertEquals(3, proxy.requests.size());

            // https.proxyHost alone leaves ws:// direct.
            System.clearProperty("http.proxyHost");
            System.clearProperty("http.proxyPort");
            fixtures.echo(fixtures.ws("127.0.0.1"), Map.of());
            fixtures.echo(fixtures.wss("echo.test"), Map.of());
            assertEquals(4, proxy.requests.size());
        }
    }

    @Test
    void aSocksProxyFromTheDefaultSelectorMeansDirectAsForHttpClient() throws Exception {
        ProxySelector.setDefault(new RecordingSelector(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1))));
        fixtures.echo(fixtures.ws("127.0.0.1"), Map.of());
    }
}
