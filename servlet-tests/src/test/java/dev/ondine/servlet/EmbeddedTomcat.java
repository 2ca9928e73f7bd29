package dev.ondine.servlet;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded Tomcat 11 on 127.0.0.1 and a free port, with no WebSocket support of its own
 * (tomcat-embed-websocket is not on the class path), deploying exploded web applications
 * built from packages of the test classes. Tomcat finds Ondine's ServletContainerInitializer
 * with ServiceLoader, as it would in a WAR's WEB-INF/lib, and scans WEB-INF/classes for the
 * types of its {@code @HandlesTypes}.
 */
final class EmbeddedTomcat implements AutoCloseable {
    private final Path base;
    private final Tomcat tomcat = new Tomcat();

    EmbeddedTomcat() throws IOException {
        base = Files.createTempDirectory("ondine-tomcat");
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Files.createDirectories(base.resolve("webapps"));
        tomcat.getHost().setAppBase(base.resolve("webapps").toString());
    }

    /**
     * Adds an application at {@code contextPath} whose WEB-INF/classes holds the test classes
     * of {@code pkg} (and {@code webXml} as WEB-INF/web.xml when not null).
     */
    Context addWebapp(String contextPath, String pkg, String webXml) throws IOException {
        Path root = base.resolve("apps").resolve(contextPath.substring(1));
        Path classes = root.resolve("WEB-INF/classes");
        String folder = pkg.replace('.', '/');
        Path source = testClasses().resolve(folder);
        Path target = classes.resolve(folder);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.toString().endsWith(".class")) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        if (webXml != null) {
            Files.writeString(root.resolve("WEB-INF/web.xml"), webXml);
        }
        Context ctx = tomcat.addWebapp(contextPath, root.toString());
        // Every real server maps a default servlet to "/"; without a servlet for a path,
        // Tomcat answers 404 before any filter (Ondine's included) sees the request.
        Tomcat.addServlet(ctx, "default", new DefaultServlet()).addInitParameter("listings", "false");
        ctx.addServletMappingDecoded("/", "default");
        StandardJarScanner scanner = (StandardJarScanner) ctx.getJarScanner();
        scanner.setScanClassPath(false);
        return ctx;
    }

    /** Adds the web application archive {@code war} at {@code contextPath}. */
    Context addWar(String contextPath, Path war) throws IOException {
        Path copy = base.resolve(war.getFileName());
        Files.copy(war, copy);
        Context ctx = tomcat.addWebapp(contextPath, copy.toString());
        Tomcat.addServlet(ctx, "default", new DefaultServlet()).addInitParameter("listings", "false");
        ctx.addServletMappingDecoded("/", "default");
        ctx.addWelcomeFile("index.html");
        ((StandardJarScanner) ctx.getJarScanner()).setScanClassPath(false);
        return ctx;
    }

    void addUser(String user, String password, String role) {
        tomcat.addUser(user, password);
        tomcat.addRole(user, role);
    }

    void start() throws LifecycleException {
        tomcat.start();
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    private static Path testClasses() {
        try {
            return Path.of(EmbeddedTomcat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws LifecycleException, IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> all = Files.walk(base)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
