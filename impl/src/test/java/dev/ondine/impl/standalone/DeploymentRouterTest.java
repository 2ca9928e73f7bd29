package dev.ondine.impl.standalone;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentRouterTest {
    private final DeploymentRouter router = new DeploymentRouter();

    private static WebSocketUpgradeRequest upgrade(String path) {
        return new WebSocketUpgradeRequest(path, null, "localhost", null, "dGhlIHNhbXBsZSBub25jZQ==", List.of(), List.of(),
                new HttpHeaders());
    }

    private static String get(DeploymentRouter router, String target) {
        ByteBuffer b = router.respond(new HttpRequestHead("GET", target, "HTTP/1.1", new HttpHeaders().add("Host", "x")));
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    /** Answers every upgrade with a listener whose only job is to carry a name. */
    private static UpgradeAcceptor named(String name, AtomicReference<String> seenPath) {
        return (request, remote, secure) -> {
            seenPath.set(name + " " + request.path() + " " + Thread.currentThread().getContextClassLoader());
            ConnectionListener l = (ConnectionListener) Proxy.newProxyInstance(ConnectionListener.class.getClassLoader(),
                    new Class<?>[] {ConnectionListener.class}, (p, m, a) -> null);
            return Upgrade.of(l, Limits.defaults());
        };
    }

    @Test
    void theLongestContextPathOnASegmentBoundaryWins() throws HandshakeException, IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        try (URLClassLoader chatLoader = new URLClassLoader(new URL[0])) {
            router.add(new DeploymentRouter.Application("/", named("root", seen), null, null));
            router.add(new DeploymentRouter.Application("/chat", named("chat", seen), null, chatLoader));
            router.add(new DeploymentRouter.Application("/chat/admin/", named("admin", seen), null, null));

            router.accept(upgrade("/chat/room"), null, false);
            assertTrue(seen.get().startsWith("chat /chat/room " + chatLoader), seen.get());
            router.accept(upgrade("/chat"), null, false);
            assertTrue(seen.get().startsWith("chat "));
            router.accept(upgrade("/chat/admin/x"), null, false);
            assertTrue(seen.get().startsWith("admin "));
            router.accept(upgrade("/chatter"), null, false);
            assertTrue(seen.get().startsWith("root "), "not a segment boundary: " + seen.get());
        }
        assertThrows(IllegalStateException.class,
                () -> router.add(new DeploymentRouter.Application("chat", named("again", seen), null, null)));
    }

    @Test
    void withoutAnApplicationTheAnswerIs404() {
        AtomicReference<String> seen = new AtomicReference<>();
        router.add(new DeploymentRouter.Application("/a", named("a", seen), null, null));
        assertEquals(404, assertThrows(HandshakeException.class, () -> router.accept(upgrade("/b/x"), null, false)).status());
        assertTrue(router.remove("/a/"));
        assertEquals(404, assertThrows(HandshakeException.class, () -> router.accept(upgrade("/a/x"), null, false)).status());
        assertTrue(get(router, "/a/index.html").startsWith("HTTP/1.1 404 "));
    }

    @Test
    void staticFilesAreServedRelativeToTheContextPathWithoutWebInf(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("index.html"), "<p>app</p>");
        Files.createDirectories(root.resolve("WEB-INF/classes"));
        Files.writeString(root.resolve("WEB-INF/web.xml"), "<web-app/>");
        Files.createDirectories(root.resolve("META-INF"));
        Files.writeString(root.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0");
        router.add(new DeploymentRouter.Application("/app", (r, a, s) -> {
            throw new HandshakeException(404, "none");
        }, StaticResources.webRoot(root), null));

        assertTrue(get(router, "/app/").endsWith("<p>app</p>"));
        assertTrue(get(router, "/app/index.html?x=1").endsWith("<p>app</p>"));
        assertTrue(get(router, "/app").endsWith("<p>app</p>"));
        assertTrue(get(router, "/app/WEB-INF/web.xml").startsWith("HTTP/1.1 404 "));
        assertTrue(get(router, "/app/meta-inf/MANIFEST.MF").startsWith("HTTP/1.1 404 "));
        assertTrue(get(router, "/app/%2e%2e/x").startsWith("HTTP/1.1 404 "));
        assertTrue(get(router, "/other/index.html").startsWith("HTTP/1.1 404 "));
    }

    @Test
    void aContainerSeesPathsRelativeToItsContextPath() {
        OndineServerContainer c = new OndineServerContainer(Limits.defaults(), null, null, "app/");
        assertEquals("/app", c.contextPath());
        assertEquals("/echo", c.relativePath("/app/echo"));
        assertEquals("/", c.relativePath("/app"));
        assertNull(c.relativePath("/apple/echo"));
        assertNull(c.relativePath("/other"));
        assertEquals("", OndineServerContainer.normalizeContextPath("/"));
        assertEquals("/x", new OndineServerContainer(Limits.defaults(), null, null, "/").relativePath("/x"));
    }
}
