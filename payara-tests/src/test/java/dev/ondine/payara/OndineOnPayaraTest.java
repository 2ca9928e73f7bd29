package dev.ondine.payara;

import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payara Server embedded (payara-embedded-all) started with the embeddable API, every listener
 * on 127.0.0.1, Hazelcast off; a WAR with Ondine's jars in WEB-INF/lib, an annotated endpoint
 * and ondine-payara (a ServletContainerInitializerBlacklist that removes Tyrus's initializer). The endpoint
 * reports its session's class: it must be Ondine's.
 */
class OndineOnPayaraTest {
    private static GlassFish glassfish;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("ondine.work"));
        deleteTree(work);
        Files.createDirectories(work);
        port = PayaraDomain.freePort();
        Path domainXml = work.resolve("domain.xml");
        Files.writeString(domainXml, PayaraDomain.loopback(port, PayaraDomain.freePort(), PayaraDomain.freePort()));

        GlassFishProperties props = new GlassFishProperties();
        props.setConfigFileURI(domainXml.toUri().toString());
        glassfish = GlassFishRuntime.bootstrap().newGlassFish(props);
        glassfish.start();

        Path war = buildWar(work.resolve("ondine-payara.war"));
        String name = glassfish.getDeployer().deploy(war.toFile(), "--name=ondine", "--contextroot=ondine");
        assertEquals("ondine", name, "deployment name");
    }

    @AfterAll
    static void stop() throws Exception {
        if (glassfish != null) {
            glassfish.dispose();
        }
    }

    /** A plain request to the application: the listener answers HTTP at all. */
    @Test
    void plainGetIsAnswered() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ondine/who HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] got = socket.getInputStream().readNBytes(12);
            String status = new String(got, StandardCharsets.ISO_8859_1);
            System.out.println("ONDINE-PAYARA plain GET: " + status);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
        }
    }

    /** The handshake over a plain socket: the 101 and its headers, then one masked text frame and the answer. */
    @Test
    void rawHandshake() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ondine/who HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b;
                try {
                    b = in.read();
                } catch (java.net.SocketTimeoutException e) {
                    dumpThreads();
                    throw new AssertionError("no response head within 10 s; received so far: " + head, e);
                }
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            System.out.println("ONDINE-PAYARA raw response head:\n" + head);
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            byte[] payload = "raw".getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length)});
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
            int b0 = in.read();
            int len = in.read() & 0x7f;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            }
            String answer = new String(in.readNBytes(len), StandardCharsets.UTF_8);
            System.out.println("ONDINE-PAYARA raw answer: opcode byte " + b0 + ": " + answer);
            assertTrue(answer.contains("|dev.ondine"), answer);
        }
    }

    private static void dumpThreads() {
        Thread.getAllStackTraces().forEach((t, stack) -> {
            String text = java.util.Arrays.stream(stack).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining("\n\t", t.getName() + " " + t.getState() + "\n\t", ""));
            if (text.contains("dev.ondine") || text.contains("grizzly") || text.contains("catalina")) {
                System.out.println("ONDINE-PAYARA thread " + text);
            }
        });
    }

    @Test
    void ondineServesTheWarsEndpoint() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ondine/who"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                })
                .get(20, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        String answer = reply.get(20, TimeUnit.SECONDS);
        System.out.println("Payara answer: " + answer);
        String[] parts = answer.split("\\|");
        assertEquals("hello", parts[0]);
        assertTrue(parts[1].startsWith("dev.ondine"), "server session class: " + answer);
        assertTrue(parts[2].startsWith("dev.ondine"), "server container class: " + answer);
        // Jakarta WebSocket 2.2 §7.1: in a Jakarta EE container the endpoint supports injection.
        assertEquals("injected", parts[4], "CDI injection into the endpoint: " + answer);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    /**
     * Issue 14: a WAR's figures are JMX MBeans on the platform MBean server (one set per
     * application, named by its context path), moved by a client, and unregistered when the
     * application is undeployed. A second deployment of the same WAR, so that undeploying it
     * leaves the other tests' application alone.
     */
    @Test
    void theWarsMBeansCountItsTrafficAndGoAwayOnUndeploy() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName application = new ObjectName("dev.ondine:type=Application,application=" + ObjectName.quote("/ondine-jmx"));
        ObjectName who = new ObjectName("dev.ondine:type=Endpoint,application=" + ObjectName.quote("/ondine-jmx")
                + ",endpoint=" + ObjectName.quote("/who"));
        Path war = buildWar(Path.of(System.getProperty("ondine.work")).resolve("ondine-jmx.war"));
        String name = glassfish.getDeployer().deploy(war.toFile(), "--name=ondine-jmx", "--contextroot=ondine-jmx");
        boolean deployed = true;
        try {
            assertTrue(jmx.isRegistered(application), "registered at deployment: " + jmx.queryNames(
                    new ObjectName("dev.ondine:*"), null));
            assertTrue(jmx.isRegistered(who));
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ondine-jmx/who"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    })
                    .get(20, TimeUnit.SECONDS);
            ws.sendText("counted", true).get(10, TimeUnit.SECONDS);
            assertTrue(reply.get(20, TimeUnit.SECONDS).startsWith("counted|"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((Long) jmx.getAttribute(who, "TextMessagesSent") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1L, jmx.getAttribute(who, "TextMessagesReceived"));
            assertEquals(1L, jmx.getAttribute(who, "TextMessagesSent"));
            assertEquals(1L, jmx.getAttribute(who, "SessionsOpen"));
            assertEquals(1L, jmx.getAttribute(application, "SessionsOpened"));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            glassfish.getDeployer().undeploy(name);
            deployed = false;
            assertFalse(jmx.isRegistered(application), "unregistered on undeploy");
            assertFalse(jmx.isRegistered(who));
        } finally {
            if (deployed) {
                glassfish.getDeployer().undeploy(name);
            }
        }
    }

    private static Path buildWar(Path war) throws IOException {
        Path classes = Path.of(System.getProperty("ondine.appClasses"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                add(zip, "WEB-INF/classes/" + classes.relativize(f).toString().replace('\\', '/'), f);
            }
            add(zip, "WEB-INF/lib/ondine-api.jar", Path.of(System.getProperty("ondine.apiJar")));
            add(zip, "WEB-INF/lib/ondine-impl.jar", Path.of(System.getProperty("ondine.implJar")));
            add(zip, "WEB-INF/lib/ondine-payara.jar", Path.of(System.getProperty("ondine.payaraJar")));
        }
        return war;
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (OutputStream out = new NonClosing(zip)) {
            Files.copy(file, out);
        }
        zip.closeEntry();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
