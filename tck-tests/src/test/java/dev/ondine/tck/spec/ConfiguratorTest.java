package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.ConfiguratorApp;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** §3.1: the server configurator decides origin, subprotocol, headers and endpoint instances. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfiguratorTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("configurator", ConfiguratorApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void checkOriginRefusesWith403() {
        assertEquals(403, Spec.handshakeStatus(Spec.ws(base, "configured"), Map.of("Origin", "http://evil.example")));
        assertEquals(101, Spec.handshakeStatus(Spec.ws(base, "configured"), Map.of("Origin", "http://good.example")));
    }

    @Test
    void modifyHandshakeSeesRequestHeadersAndAddsResponseHeaders() throws Exception {
        AtomicReference<List<String>> reply = new AtomicReference<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers.put("X-Hello", List.of("tester"));
            }

            @Override
            public void afterResponse(HandshakeResponse hr) {
                hr.getHeaders().forEach((k, v) -> {
                    if (k.equalsIgnoreCase("X-Reply")) {
                        reply.set(v);
                    }
                });
            }
        }).build();
        try (Peer p = Peer.open(Spec.ws(base, "configured?q=1"), config)) {
            assertEquals(List.of("hello tester"), reply.get());
            assertEquals("q=1", p.ask("query"));
        }
    }

    @Test
    void theConfiguratorChoosesTheSubprotocol() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v1", "v2")).build();
        try (Peer p = Peer.open(Spec.ws(base, "configured"), config)) {
            assertEquals("v2", p.session.getNegotiatedSubprotocol());
            assertEquals("v2", p.ask("subprotocol"));
        }
        ClientEndpointConfig none = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v9")).build();
        try (Peer p = Peer.open(Spec.ws(base, "configured"), none)) {
            assertEquals("", p.session.getNegotiatedSubprotocol());
        }
    }

    @Test
    void getEndpointInstanceCanShareOneInstance() throws Exception {
        try (Peer a = Peer.open(Spec.ws(base, "shared")); Peer b = Peer.open(Spec.ws(base, "shared"))) {
            int first = Integer.parseInt(a.ask("x"));
            assertEquals(first + 1, Integer.parseInt(b.ask("x")));
        }
    }

    @Test
    void theDefaultConfiguratorMakesAnInstancePerConnection() throws Exception {
        try (Peer a = Peer.open(Spec.ws(base, "per-connection")); Peer b = Peer.open(Spec.ws(base, "per-connection"))) {
            assertEquals("1", a.ask("x"));
            assertEquals("2", a.ask("x"));
            assertEquals("1", b.ask("x"));
        }
    }
}
