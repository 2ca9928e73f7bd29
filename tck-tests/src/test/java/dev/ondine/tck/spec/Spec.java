package dev.ondine.tck.spec;

import dev.ondine.impl.client.OndineClients;
import dev.ondine.tck.spec.app.Probe;
import jakarta.websocket.WebSocketContainer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * What every test of the specification suite shares. The suite runs in client mode: each
 * test class deploys a small WAR and talks to it from the test JVM, so it runs unchanged on
 * any Arquillian container that serves WARs (Ondine standalone, an application server).
 * Public for the servlet-only suite ({@code dev.ondine.tck.servlet}).
 */
public final class Spec {
    /** A path-separated list of jars that every WAR gets in WEB-INF/lib (for an application server). */
    public static final String LIBRARIES = "ondine.tck.libraries";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Spec() {
    }

    /**
     * A WAR named {@code name}.war with {@code classes} (and their nested classes) and the
     * {@link Probe}. Give top-level classes: a nested class without its enclosing class does
     * not load in a WAR.
     */
    public static WebArchive war(String name, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes).addClass(Probe.class);
        String libraries = System.getProperty(LIBRARIES, "");
        for (String jar : libraries.split(File.pathSeparator)) {
            if (!jar.isBlank()) {
                war.addAsLibrary(new File(jar));
            }
        }
        return war;
    }

    /** The WebSocket URI of {@code path} (relative, no leading slash) in the deployment at {@code base}. */
    public static URI ws(URL base, String path) {
        String s = base.toString();
        return URI.create((s.startsWith("https") ? "wss" : "ws") + s.substring(s.indexOf(':')) + path);
    }

    /** The client container: Ondine's, in the test JVM. */
    public static WebSocketContainer client() {
        return OndineClients.newContainer();
    }

    /** The HTTP status of a WebSocket handshake to {@code uri} (101 when it succeeds), by an independent client. */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        try {
            b.buildAsync(uri, new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    public static int handshakeStatus(URI uri) {
        return handshakeStatus(uri, Map.of());
    }

    /**
     * Whether the archive named {@code archiveName} (such as {@code "chat.war"}) was deployed
     * on Ondine's standalone Arquillian container, which has no servlet container (no HTTP
     * sessions, no security constraints, no plain servlet requests). The adapter is found by
     * name, so that this suite compiles and runs without it, on another container.
     */
    static boolean onOndineStandalone(String archiveName) throws ReflectiveOperationException {
        Class<?> adapter;
        try {
            adapter = Class.forName("dev.ondine.arquillian.OndineStandaloneContainer");
        } catch (ClassNotFoundException e) {
            return false;
        }
        return ((Optional<?>) adapter.getMethod("report", String.class).invoke(null, archiveName)).isPresent();
    }

    /** The next event the application recorded with {@link Probe#record}. */
    static String probe(URL base) throws Exception {
        try (Peer p = Peer.open(ws(base, "probe"))) {
            return p.ask("next");
        }
    }
}
