package dev.ondine.impl.jakarta.it;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.server.ApplicationDeployment;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployment (Jakarta WebSocket 2.2 §3.1.1 URI templates and precedence, §4.3 path
 * parameters, §5.2.1 deployment errors, §6.2 ServerApplicationConfig), over a real server.
 */
class DeploymentTest {

    /**
     * Greets with the path it was deployed at and its path parameters on open. The
     * {@code @OnOpen} method is inherited (§4.8: annotated methods of superclasses count).
     */
    public abstract static class Greeter {
        @OnOpen
        public void open(Session session) throws IOException {
            String path = getClass().getAnnotation(ServerEndpoint.class).value();
            session.getBasicRemote().sendText(path + " " + new TreeMap<>(session.getPathParameters()));
        }
    }

    @ServerEndpoint("/a/b")
    public static class ExactAB extends Greeter {
    }

    @ServerEndpoint("/a/{x}")
    public static class TemplateAX extends Greeter {
    }

    @ServerEndpoint("/{a}/c")
    public static class TemplateAnyC extends Greeter {
    }

    @ServerEndpoint("/x/{p}/z")
    public static class LiteralLast extends Greeter {
    }

    @ServerEndpoint("/x/{p}/{q}")
    public static class VariableLast extends Greeter {
    }

    @ServerEndpoint("/a/{x}/{y}")
    public static class Longer extends Greeter {
    }

    @ServerEndpoint("/types/{s}/{i}/{l}/{b}/{boxed}/{c}")
    public static class PathTypes {
        @OnOpen
        public void open(@PathParam("i") int i, Session session, @PathParam("s") String s, @PathParam("l") long l,
                         @PathParam("b") boolean b, @PathParam("boxed") Long boxed, @PathParam("c") Character c)
                throws IOException {
            session.getBasicRemote().sendText(s + "|" + (i + 1) + "|" + (l + 1) + "|" + !b + "|" + boxed + "|" + c);
        }

        @OnMessage
        public String message(@PathParam("i") Integer i, String text, @PathParam("s") String s, Session session) {
            return text + ":" + s + ":" + i + ":" + session.getId().isEmpty();
        }
    }

    @ServerEndpoint("/number/{n}")
    public static class BadNumber {
        @OnOpen
        public void open(@PathParam("n") int n, Session session) throws IOException {
            session.getBasicRemote().sendText("opened with " + n);
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error " + t.getClass().getSimpleName());
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(ExactAB.class, TemplateAX.class,
            TemplateAnyC.class, LiteralLast.class, VariableLast.class, Longer.class, PathTypes.class, BadNumber.class,
            UnknownStringParam.class));

    private static String greeting(String path) throws Exception {
        try (EventClient client = SERVER.connect(path)) {
            return client.nextText();
        }
    }

    @Test
    void exactPathWinsOverTemplate() throws Exception {
        assertEquals("/a/b {}", greeting("/a/b"));
    }

    @Test
    void templateMatchesOtherSegments() throws Exception {
        assertEquals("/a/{x} {x=q}", greeting("/a/q"));
    }

    @Test
    void literalFirstSegmentWinsOverVariableFirstSegment() throws Exception {
        // "/a/c" matches both /a/{x} and /{a}/c; §3.1.1: the leftmost literal segment wins.
        assertEquals("/a/{x} {x=c}", greeting("/a/c"));
        assertEquals("/{a}/c {a=z}", greeting("/z/c"));
    }

    @Test
    void literalSegmentWinsOverVariableAtTheSamePlace() throws Exception {
        assertEquals("/x/{p}/z {p=1}", greeting("/x/1/z"));
        assertEquals("/x/{p}/{q} {p=1, q=2}", greeting("/x/1/2"));
    }

    @Test
    void segmentCountMustMatch() throws Exception {
        assertEquals("/a/{x}/{y} {x=1, y=2}", greeting("/a/1/2"));
    }

    @Test
    void pathParameterValuesArePercentDecoded() throws Exception {
        assertEquals("/a/{x} {x=h i}", greeting("/a/h%20i"));
    }

    @Test
    void pathParametersOfEveryTypeInAnyPosition() throws Exception {
        try (EventClient client = SERVER.connect("/types/str/41/9000000000/false/7/c")) {
            assertEquals("str|42|9000000001|true|7|c", client.nextText());
            assertEquals("hi:str:41:false", client.ask("hi"));
        }
    }

    @Test
    void pathParameterNamingNoVariableIsNull() throws Exception {
        try (EventClient client = SERVER.connect("/unknown-string/v")) {
            assertEquals("v/null", client.ask("m"));
        }
    }

    @Test
    void pathParameterThatCannotBeConvertedReachesOnError() throws Exception {
        // §4.3 (WSC-4.3-6): a DecodeException to the error handling; @OnOpen is not called.
        try (EventClient client = SERVER.connect("/number/nope")) {
            assertEquals("error DecodeException", client.nextText());
        }
    }

    @Test
    void unknownPathIsADeploymentExceptionNaming404() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> SERVER.connect("/nowhere"));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    // ---------------------------------------------------------------- deployment errors

    /** Valid, and does nothing; the subclasses differ only in their paths. */
    public abstract static class Silent {
        @OnMessage
        public void m(String s) {
        }
    }

    @ServerEndpoint("/dup/{x}")
    public static class DupX extends Silent {
    }

    @ServerEndpoint("/dup/{y}")
    public static class DupY extends Silent {
    }

    @ServerEndpoint("/same")
    public static class Same1 extends Silent {
    }

    @ServerEndpoint("/same")
    public static class Same2 extends Silent {
    }

    @ServerEndpoint("/two-opens")
    public static class TwoOpens {
        @OnOpen
        public void a() {
        }

        @OnOpen
        public void b() {
        }
    }

    @ServerEndpoint("/a/{x")
    public static class BadTemplate extends Silent {
    }

    @ServerEndpoint("no-slash")
    public static class NoSlash extends Silent {
    }

    /** §4.3: a name that is no template variable has the value null, which an int cannot hold. */
    @ServerEndpoint("/unknown/{x}")
    public static class UnknownPrimitiveParam {
        @OnMessage
        public void m(String s, @PathParam("y") int y) {
        }
    }

    @ServerEndpoint("/unknown-string/{x}")
    public static class UnknownStringParam {
        @OnMessage
        public String m(String s, @PathParam("y") String y, @PathParam("x") String x) {
            return x + "/" + y;
        }
    }

    private static DeploymentException deployFails(Class<?>... endpoints) {
        return assertThrows(DeploymentException.class, () -> RunningServer.start(b -> b.endpoint(endpoints)).stop());
    }

    @Test
    void duplicatePathIsRefused() {
        DeploymentException e = deployFails(Same1.class, Same2.class);
        assertTrue(e.getMessage().contains("/same") && e.getMessage().contains(Same2.class.getName()), e.getMessage());
    }

    @Test
    void templatesThatDifferOnlyInVariableNamesAreDuplicates() {
        DeploymentException e = deployFails(DupX.class, DupY.class);
        assertTrue(e.getMessage().contains("/dup/{x}") && e.getMessage().contains("/dup/{y}"), e.getMessage());
    }

    @Test
    void invalidTemplatesAreRefused() {
        DeploymentException e = deployFails(BadTemplate.class);
        assertTrue(e.getMessage().contains("/a/{x"), e.getMessage());
        e = deployFails(NoSlash.class);
        assertTrue(e.getMessage().contains("no-slash") && e.getMessage().contains("/"), e.getMessage());
    }

    @Test
    void invalidEndpointIsRefusedNamingClassAndRule() {
        DeploymentException e = deployFails(TwoOpens.class);
        assertTrue(e.getMessage().contains(TwoOpens.class.getName()) && e.getMessage().contains("@OnOpen"), e.getMessage());
        e = deployFails(UnknownPrimitiveParam.class);
        assertTrue(e.getMessage().contains(UnknownPrimitiveParam.class.getName()), e.getMessage());
    }

    @Test
    void aClassThatIsNeitherEndpointNorAnnotatedIsRefused() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> RunningServer.start(b -> b.endpoint(
                ServerEndpointConfig.Builder.create(String.class, "/string").build())).stop());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        deployFails(String.class);
    }

    /** ServerContainer.addEndpoint: IllegalStateException once the application is deployed (the server started). */
    @Test
    void addEndpointAfterTheServerStartedIsAnIllegalState() throws Exception {
        try (OndineServer server = RunningServer.start(b -> b.endpoint(Same1.class))) {
            assertThrows(IllegalStateException.class, () -> server.container().addEndpoint(Same2.class));
            assertThrows(IllegalStateException.class, () -> server.container().addEndpoint(
                    ServerEndpointConfig.Builder.create(Same2.class, "/other").build()));
        }
    }

    // ---------------------------------------------------------------- ServerApplicationConfig

    @ServerEndpoint("/chosen")
    public static class Chosen extends Greeter {
    }

    @ServerEndpoint("/filtered")
    public static class Filtered extends Greeter {
    }

    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                session.getBasicRemote().sendText("programmatic " + config.getUserProperties().get("from"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Keeps {@link Chosen} only, and deploys {@link Programmatic} at /prog. */
    public static class AppConfig implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
            for (Class<? extends Endpoint> c : endpointClasses) {
                ServerEndpointConfig config = ServerEndpointConfig.Builder.create(c, "/prog").build();
                config.getUserProperties().put("from", "app-config");
                configs.add(config);
            }
            return configs;
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            Set<Class<?>> chosen = new LinkedHashSet<>(scanned);
            chosen.remove(Filtered.class);
            return chosen;
        }
    }

    @Test
    void serverApplicationConfigFiltersAnnotatedAndAddsProgrammatic() throws Exception {
        try (OndineServer server = RunningServer.start(b -> b.scanned(AppConfig.class, Chosen.class, Filtered.class,
                Programmatic.class))) {
            try (EventClient c = EventClient.connect(RunningServer.uri(server, "/chosen"))) {
                assertEquals("/chosen {}", c.nextText());
            }
            try (EventClient c = EventClient.connect(RunningServer.uri(server, "/prog"))) {
                assertEquals("programmatic app-config", c.nextText());
            }
            DeploymentException e = assertThrows(DeploymentException.class,
                    () -> EventClient.connect(RunningServer.uri(server, "/filtered")));
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    @Test
    void withoutServerApplicationConfigEveryAnnotatedClassAndNoProgrammaticOneIsDeployed() throws Exception {
        try (OndineServer server = RunningServer.start(b -> b.scanned(Chosen.class, Filtered.class, Programmatic.class))) {
            assertEquals(Set.of("/chosen", "/filtered"),
                    Set.copyOf(((OndineServerContainer) server.container()).paths()));
        }
    }

    /** Deploys /chosen, then a programmatic endpoint at the path another deployment already holds. */
    public static class ClashingConfig implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of(ServerEndpointConfig.Builder.create(Programmatic.class, "/a/b").build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return scanned;
        }
    }

    @Test
    void failedDeploymentRemovesTheEndpointsItAdded() throws Exception {
        // §5.2.1: a deployment error halts the deployment; what it had added is taken away again.
        // (A container still deploying: once a server has started, addEndpoint is an IllegalStateException.)
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            OndineServerContainer container = new OndineServerContainer(Limits.defaults(), pool,
                    OndineClients.newContainer(Limits.defaults()));
            container.addEndpoint(ServerEndpointConfig.Builder.create(Programmatic.class, "/a/b").build());
            List<String> before = container.paths();
            DeploymentException e = assertThrows(DeploymentException.class, () -> ApplicationDeployment.deploy(container,
                    new LinkedHashSet<>(List.of(ClashingConfig.class, Chosen.class))));
            assertTrue(e.getMessage().contains("/a/b"), e.getMessage());
            assertEquals(before, container.paths());
            assertFalse(container.paths().contains("/chosen"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedStartStopsTheServerAndReportsTheError() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> RunningServer.start(b -> b.endpoint(Chosen.class).scanned(ClashingConfig.class, Same1.class, Same2.class)));
        assertTrue(e.getMessage().contains("/same"), e.getMessage());
    }
}
