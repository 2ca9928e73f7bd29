package dev.ondine.bench.server.payara;

import dev.ondine.bench.server.EchoEndpoint;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Payara Server embedded serving the bench endpoints from a WAR at the root context: the
 * endpoint classes (the bench's common jar) and {@link DefaultsListener} in the WAR, plus
 * whatever {@code extraLibraries} the WebSocket implementation needs (none for Payara's own
 * Tyrus; Ondine's jars for {@code ondine-payara}). Every listener on {@code host}, Hazelcast
 * off, Payara's other defaults kept.
 */
public final class PayaraBench {
    private PayaraBench() {
    }

    /**
     * Both variants run with Payara's default HTTP listener, Grizzly's WebSocket add-on
     * included: with Tyrus's initializer taken out of the application (ondine-payara), the
     * add-on has no endpoint of that application and hands its upgrade requests on to the
     * servlet container, where Ondine's filter answers them.
     */
    public static AutoCloseable start(String host, int port, List<Path> extraLibraries) throws Exception {
        Path work = Files.createTempDirectory("bench-payara");
        Path domainXml = work.resolve("domain.xml");
        Files.writeString(domainXml, domainXml(host, port, freePort(host)));
        GlassFishProperties props = new GlassFishProperties();
        props.setConfigFileURI(domainXml.toUri().toString());
        GlassFish glassfish = GlassFishRuntime.bootstrap().newGlassFish(props);
        glassfish.start();
        Path war = work.resolve("bench.war");
        buildWar(war, extraLibraries);
        glassfish.getDeployer().deploy(war.toFile(), "--name=bench", "--contextroot=/");
        return glassfish::dispose;
    }

    /** Payara's embedded domain.xml with the HTTP listener on host:port, HTTPS off, the admin listener on host. */
    private static String domainXml(String host, int http, int admin) throws IOException {
        String xml;
        try (InputStream in = GlassFish.class.getClassLoader().getResourceAsStream("config/domain.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        xml = replace(xml, "address=\"0.0.0.0\"", "address=\"" + host + "\"");
        xml = replace(xml, "<network-listener port=\"8080\"",
                "<network-listener address=\"" + host + "\" port=\"" + http + "\"");
        xml = replace(xml, "<network-listener port=\"8181\"",
                "<network-listener enabled=\"false\" address=\"" + host + "\" port=\"" + freePort(host) + "\"");
        xml = replace(xml, "<network-listener port=\"4848\"",
                "<network-listener address=\"" + host + "\" port=\"" + admin + "\"");
        // The JMX connector and the JMS broker on free ports of host (their fixed defaults may be taken).
        xml = replace(xml, "port=\"8686\"", "port=\"" + freePort(host) + "\"");
        xml = replace(xml, "name=\"JMS_PROVIDER_PORT\" value=\"7676\"", "name=\"JMS_PROVIDER_PORT\" value=\"" + freePort(host) + "\"");
        xml = replace(xml, "<hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\">");
        return xml;
    }

    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("Payara's domain.xml has no " + what);
        }
        return text.replace(what, with);
    }

    private static void buildWar(Path war, List<Path> extraLibraries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            add(zip, "WEB-INF/lib/bench-common.jar", jarOf(EchoEndpoint.class));
            String listener = DefaultsListener.class.getName().replace('.', '/') + ".class";
            try (InputStream in = DefaultsListener.class.getClassLoader().getResourceAsStream(listener)) {
                zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + listener));
                in.transferTo(zip);
                zip.closeEntry();
            }
            for (Path lib : extraLibraries) {
                add(zip, "WEB-INF/lib/" + lib.getFileName(), lib);
            }
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    /**
     * A port free on {@code host}, below the ephemeral range (32768 and up on Linux): the load
     * generator's thousands of client sockets take ephemeral ports, and Payara's JMS broker
     * binds its port some time after we looked.
     */
    private static int freePort(String host) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 21000 + random.nextInt(11000);
            try (ServerSocket s = new ServerSocket(candidate, 1, java.net.InetAddress.getByName(host))) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port found between 21000 and 32000 on " + host));
    }
}
