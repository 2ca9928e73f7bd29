package dev.ondine.tck.spec;

import dev.ondine.tck.servlet.ServletContainerTest;
import dev.ondine.tck.spec.app.HttpSessionApp;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The user's roles in the opening handshake, and the end of an authenticated HTTP session
 * (Jakarta WebSocket 2.2 §7.2, §8):
 * <ul>
 *   <li>{@code HandshakeRequest.isUserInRole} answers with the roles of the authenticated
 *       user, through the container's filter and through {@code upgradeHttpToWebSocket};</li>
 *   <li>[WSC-7.2-3] a connection to a protected endpoint opened under an HTTP session closes
 *       with 1008, on both sides, when that session is invalidated (a logout); one opened
 *       without authentication does not.</li>
 * </ul>
 * The user comes from the container's realm with the role {@code user}, named by the system
 * properties {@code ondine.tck.user} and {@code ondine.tck.password} (default
 * {@code alice}/{@code secret}), as for the servlet suite. Skipped on Ondine's standalone
 * server, which has no servlet container; runs on Tomcat (servlet-tests) and Payara
 * (payara-tests).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticatedHttpSessionTest {
    private static final String ARCHIVE = "http-session.war";
    /** BASIC authentication and the role {@code user} under {@code /secure/*}, as the servlet suite's. */
    private static final String WEB_XML = ServletContainerTest.SECURED_WEB_XML;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("http-session", HttpSessionApp.class).setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    /**
     * Per test, not in {@code @BeforeAll}: surefire reports a class aborted there as no test
     * at all, where each skipped test shows up with this reason.
     */
    @BeforeEach
    void needsAServletContainer() throws Exception {
        assumeFalse(Spec.onOndineStandalone(ARCHIVE), "Skipped on Ondine's standalone server: it has no servlet "
                + "container, hence no HTTP sessions, no authentication and no roles (this class runs on Tomcat in "
                + "servlet-tests and on Payara in payara-tests)");
    }

    @Test
    void theConfiguratorSeesTheRolesOfTheAuthenticatedUser() throws Exception {
        try (Peer secured = open("secure/ws", credentials(), null)) {
            assertEquals("user=true admin=false", secured.ask("roles"));
        }
        try (Peer anonymous = open("open/ws", null, null)) {
            assertEquals("user=false admin=false", anonymous.ask("roles"), "no user, no role");
        }
    }

    @Test
    void theConfiguratorSeesTheRolesThroughUpgradeHttpToWebSocket() throws Exception {
        try (Peer upgraded = open("secure/upgrade", credentials(), null)) {
            assertEquals("user=true admin=false", upgraded.ask("roles"));
        }
    }

    @Test
    void aLogoutClosesTheConnectionsOfTheAuthenticatedHttpSessionWith1008() throws Exception {
        Cookies browser = new Cookies();
        get("secure/login", credentials(), browser);
        try (Peer first = open("secure/ws?tag=first", credentials(), browser);
             Peer second = open("secure/ws?tag=second", credentials(), browser);
             Peer withoutHttpSession = open("secure/ws", credentials(), null)) {
            assertEquals("true", first.ask("http"));
            assertEquals("true", second.ask("http"));
            assertEquals("false", withoutHttpSession.ask("http"));
            // A new id for the same HTTP session (HttpServletRequest.changeSessionId) changes nothing.
            assertEquals("id changed", get("secure/rotate", credentials(), browser).body());

            assertEquals("invalidated", get("logout", null, browser).body());

            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, first.closeReason().getCloseCode(), "§7.2: 1008");
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, second.closeReason().getCloseCode());
            assertEquals(Set.of("first close 1008", "second close 1008"), Set.of(Spec.probe(base), Spec.probe(base)),
                    "the endpoint's onClose is told 1008 as well");
            assertEquals("user=true admin=false", withoutHttpSession.ask("roles"), "another HTTP session's end is not its own");
        }
    }

    /** As the official TCK's {@code authenticatedlogoff} test: the endpoint invalidates its own HTTP session. */
    @Test
    void anEndpointThatInvalidatesItsAuthenticatedHttpSessionIsClosedWith1008() throws Exception {
        Cookies browser = new Cookies();
        get("secure/login", credentials(), browser);
        try (Peer p = open("secure/ws?tag=self", credentials(), browser)) {
            assertEquals("true", p.ask("http"));
            p.send("invalidate");
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, p.closeReason().getCloseCode());
        }
        assertEquals("self close 1008", Spec.probe(base));
    }

    @Test
    void theEndOfAnHttpSessionWithoutAUserLeavesTheConnectionOpen() throws Exception {
        Cookies browser = new Cookies();
        assertEquals("session started", get("session", null, browser).body());
        try (Peer p = open("open/ws", null, browser)) {
            assertEquals("true", p.ask("http"));
            assertEquals("invalidated", get("logout", null, browser).body());
            // §7.2: the endpoint is not a protected resource, so its connection may outlive the HTTP session.
            assertEquals("still here", p.ask("still here"));
            assertTrue(p.session.isOpen());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The {@code Authorization} value for the realm's user. */
    private static String credentials() {
        String user = System.getProperty("ondine.tck.user", "alice");
        String password = System.getProperty("ondine.tck.password", "secret");
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A session of Ondine's client to {@code path}, with this {@code Authorization} value and
     * the cookies of {@code cookies} (null for none), which take those the 101 sets.
     */
    private Peer open(String path, String authorization, Cookies cookies) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers(authorization, cookies).forEach((name, value) -> headers.put(name, List.of(value)));
            }

            @Override
            public void afterResponse(HandshakeResponse response) {
                if (cookies != null) {
                    response.getHeaders().forEach((name, values) -> {
                        if (name.equalsIgnoreCase("Set-Cookie")) {
                            cookies.take(values);
                        }
                    });
                }
            }
        }).build();
        return Peer.open(Spec.ws(base, path), config);
    }

    /** A GET of {@code path} that must answer 200, with credentials and cookies as for {@link #open}. */
    private HttpResponse<String> get(String path, String authorization, Cookies cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        headers(authorization, cookies).forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        if (cookies != null) {
            cookies.take(response.headers().allValues("Set-Cookie"));
        }
        return response;
    }

    private static Map<String, String> headers(String authorization, Cookies cookies) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (cookies != null && !cookies.isEmpty()) {
            headers.put("Cookie", cookies.header());
        }
        return headers;
    }

    /**
     * The cookies of one client, as a browser keeps them: each response's {@code Set-Cookie}
     * replaces the value of its name. Containers give the HTTP session a new id when a request
     * with a session authenticates (Tomcat's session-fixation protection), so the session's
     * cookie must be followed from response to response.
     */
    private static final class Cookies {
        private final Map<String, String> values = new LinkedHashMap<>();

        synchronized void take(List<String> setCookies) {
            for (String c : setCookies) {
                String pair = c.split(";")[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }

        synchronized boolean isEmpty() {
            return values.isEmpty();
        }

        synchronized String header() {
            return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }
    }
}
