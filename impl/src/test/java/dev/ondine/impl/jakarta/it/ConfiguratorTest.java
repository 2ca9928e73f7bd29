package dev.ondine.impl.jakarta.it;

import dev.ondine.impl.transport.nio.RawClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ServerEndpointConfig.Configurator} on a real handshake (Jakarta WebSocket 2.2 §3.1, §4.1.5). */
class ConfiguratorTest {

    static final AtomicInteger HANDSHAKES = new AtomicInteger();
    static final BlockingQueue<String> ORIGINS_ASKED = new LinkedBlockingQueue<>();

    /**
     * Adds a response header, copies what it sees of the request into the per-connection
     * user properties, and notices a property left by an earlier connection.
     */
    public static class Inspecting extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            Map<String, Object> props = sec.getUserProperties();
            props.put("leaked", props.containsKey("handshake"));
            props.put("handshake", HANDSHAKES.incrementAndGet());
            props.put("header", String.valueOf(request.getHeaders().get("x-client-token")));
            props.put("query", request.getQueryString());
            props.put("params", new TreeMap<>(request.getParameterMap()).toString());
            props.put("uri", request.getRequestURI().getPath());
            response.getHeaders().put("X-Server-Said", List.of("hello " + props.get("handshake")));
        }

        /** Allows one site, and clients that send no Origin (null: the container asks anyway). */
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            ORIGINS_ASKED.add(String.valueOf(originHeaderValue));
            return originHeaderValue == null || originHeaderValue.equals("http://good.example");
        }

        /** The last requested protocol the endpoint supports (the default takes the first). */
        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            for (int i = requested.size() - 1; i >= 0; i--) {
                if (supported.contains(requested.get(i))) {
                    return requested.get(i);
                }
            }
            return "";
        }
    }

    public static class Reporting extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Map<String, Object> p = config.getUserProperties();
            String report = "leaked=" + p.get("leaked") + " header=" + p.get("header") + " query=" + p.get("query")
                    + " params=" + p.get("params") + " uri=" + p.get("uri")
                    + " session=" + session.getUserProperties().get("handshake").equals(p.get("handshake"))
                    + " subprotocol=" + session.getNegotiatedSubprotocol();
            ProgrammaticEndpointsTest.send(session, report);
        }
    }

    /** One instance for every connection. */
    public static class Shared extends Endpoint {
        static final Shared INSTANCE = new Shared();
        private final AtomicInteger opens = new AtomicInteger();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            ProgrammaticEndpointsTest.send(session, "shared " + System.identityHashCode(this) + " open " + opens.incrementAndGet());
        }
    }

    public static class SharedInstance extends ServerEndpointConfig.Configurator {
        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(Shared.INSTANCE);
        }
    }

    static final BlockingQueue<String> ANNOTATED_EVENTS = new LinkedBlockingQueue<>();

    /** Named on the annotation: creates the instances itself and adds a header. */
    public static class AnnotationConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().put("X-Annotated", List.of("configured"));
            sec.getUserProperties().put("from", "annotation configurator");
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            ANNOTATED_EVENTS.add("instance of " + endpointClass.getSimpleName());
            return super.getEndpointInstance(endpointClass);
        }
    }

    @ServerEndpoint(value = "/annotated", configurator = AnnotationConfigurator.class)
    public static class AnnotatedWithConfigurator {
        @OnOpen
        public void open(Session session, EndpointConfig config) throws IOException {
            session.getBasicRemote().sendText("open " + config.getUserProperties().get("from"));
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b
            .endpoint(ServerEndpointConfig.Builder.create(Reporting.class, "/inspect")
                    .subprotocols(List.of("a", "b", "c")).configurator(new Inspecting()).build())
            .endpoint(ServerEndpointConfig.Builder.create(Shared.class, "/shared").configurator(new SharedInstance()).build())
            .endpoint(AnnotatedWithConfigurator.class));

    /** A client configurator that adds request headers and records the response's. */
    static final class ClientSide extends ClientEndpointConfig.Configurator {
        final Map<String, List<String>> extra;
        final BlockingQueue<Map<String, List<String>>> responses = new LinkedBlockingQueue<>();

        ClientSide(Map<String, List<String>> extra) {
            this.extra = extra;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.putAll(extra);
        }

        @Override
        public void afterResponse(HandshakeResponse hr) {
            responses.add(hr.getHeaders());
        }

        ClientEndpointConfig config(String... subprotocols) {
            return ClientEndpointConfig.Builder.create().configurator(this).preferredSubprotocols(List.of(subprotocols)).build();
        }
    }

    @Test
    void modifyHandshakeSeesHeadersAndQueryAndAddsAResponseHeader() throws Exception {
        ClientSide client = new ClientSide(Map.of("X-Client-Token", List.of("t0k3n"), "Origin", List.of("http://good.example")));
        try (EventClient c = EventClient.connect(SERVER.uri("/inspect?room=blue&n=1&n=2"), client.config())) {
            String report = c.nextText();
            assertTrue(report.startsWith("leaked=false header=[t0k3n] query=room=blue&n=1&n=2 params={n=[1, 2], room=[blue]}"
                    + " uri=/inspect session=true"), report);
            Map<String, List<String>> headers = Waits.next(client.responses, "afterResponse");
            List<String> said = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER) {{
                putAll(headers);
            }}.get("X-Server-Said");
            assertEquals(1, said.size());
            assertTrue(said.get(0).startsWith("hello "), said.toString());
        }
    }

    @Test
    void userPropertiesOfOneHandshakeDoNotLeakIntoTheNext() throws Exception {
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (EventClient c = SERVER.connect("/inspect")) {
                reports.add(c.nextText());
            }
        }
        for (String report : reports) {
            assertTrue(report.startsWith("leaked=false header=null query=null params={} uri=/inspect session=true"), report);
        }
    }

    @Test
    void checkOriginFalseRefusesWith403() throws Exception {
        ClientSide evil = new ClientSide(Map.of("Origin", List.of("http://evil.example")));
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> EventClient.connect(SERVER.uri("/inspect"), evil.config()));
        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertTrue(rawHandshake("Origin: http://evil.example").startsWith("HTTP/1.1 403"));
        assertTrue(rawHandshake("Origin: http://good.example").startsWith("HTTP/1.1 101"));
    }

    /** The Configurator javadoc: checkOrigin gets the Origin the client passed; none is null, and still asked. */
    @Test
    void checkOriginIsAskedWithNullWhenTheClientSendsNoOrigin() throws Exception {
        ORIGINS_ASKED.clear();
        try (RawClient raw = new RawClient(SERVER.server().address())) {
            raw.send(RawClient.upgradeRequest("/inspect"));
            assertTrue(raw.readHead().startsWith("HTTP/1.1 101"));
        }
        assertEquals(List.of("null"), List.copyOf(ORIGINS_ASKED));
        assertTrue(rawHandshake("Origin: http://good.example").startsWith("HTTP/1.1 101"));
        assertEquals(List.of("null", "http://good.example"), List.copyOf(ORIGINS_ASKED));
    }

    private static String rawHandshake(String originLine) throws Exception {
        try (RawClient raw = new RawClient(SERVER.server().address())) {
            raw.send(RawClient.upgradeRequest("/inspect", originLine));
            return raw.readHead();
        }
    }

    @Test
    void negotiatedSubprotocolComesFromTheOverride() throws Exception {
        ClientSide client = new ClientSide(Map.of());
        try (EventClient c = EventClient.connect(SERVER.uri("/inspect"), client.config("a", "x", "b"))) {
            assertTrue(c.nextText().endsWith("subprotocol=b"));
            assertEquals("b", c.session.getNegotiatedSubprotocol());
        }
    }

    @Test
    void getEndpointInstanceMayShareOneInstance() throws Exception {
        String first;
        String second;
        try (EventClient a = SERVER.connect("/shared");
             EventClient b = SERVER.connect("/shared")) {
            first = a.nextText();
            second = b.nextText();
        }
        String identity = "shared " + System.identityHashCode(Shared.INSTANCE);
        assertTrue(first.startsWith(identity) && second.startsWith(identity), first + " / " + second);
        assertTrue(first.endsWith("open 1") != second.endsWith("open 1"), first + " / " + second);
    }

    @Test
    void configuratorNamedOnTheAnnotationIsUsed() throws Exception {
        ANNOTATED_EVENTS.clear();
        ClientSide client = new ClientSide(Map.of());
        try (EventClient c = EventClient.connect(SERVER.uri("/annotated"), client.config())) {
            assertEquals("open annotation configurator", c.nextText());
            assertEquals("instance of AnnotatedWithConfigurator", Waits.next(ANNOTATED_EVENTS, "getEndpointInstance"));
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(Waits.next(client.responses, "afterResponse"));
            assertEquals(List.of("configured"), headers.get("X-Annotated"));
        }
    }
}
