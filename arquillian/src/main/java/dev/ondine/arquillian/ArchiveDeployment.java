package dev.ondine.arquillian;

import dev.ondine.api.Limits;
import dev.ondine.impl.jakarta.server.ApplicationDeployment;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.standalone.DeploymentRouter;
import dev.ondine.impl.standalone.StaticResources;
import dev.ondine.impl.transport.UpgradeAcceptor;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One archive deployed on the standalone server: exploded into a temporary folder, loaded by
 * a {@link DeploymentClassLoader} of its own, its endpoints found and deployed as the
 * specification says for a WAR (Jakarta WebSocket 2.2 §6.2, §5.2.1) in an
 * {@link OndineServerContainer} under the archive's context path, with a dispatch pool whose
 * threads run endpoint code with the archive's class loader as their context loader.
 */
final class ArchiveDeployment {
    private static final Logger LOG = Logger.getLogger(ArchiveDeployment.class.getName());

    private final String name;
    private final String contextPath;
    private final Path root;
    private final DeploymentRouter router;
    private DeploymentClassLoader loader;
    private StandaloneServerContainer container;
    private ServletStartup servlet;
    private ServletUpgrades servlets;
    private ExecutorService pool;
    private DeploymentReport report;
    private boolean routed;

    private ArchiveDeployment(String name, String contextPath, Path root, DeploymentRouter router) {
        this.name = name;
        this.contextPath = contextPath;
        this.root = root;
        this.router = router;
    }

    /** {@code ""} for {@code ROOT.war}, else {@code "/"} and the archive name without its extension. */
    static String contextPathOf(String archiveName) {
        String base = archiveName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        return base.equals("ROOT") ? "" : "/" + base;
    }

    /**
     * Deploys {@code archive}. A WebSocket deployment error does not fail this: it is in the
     * report, and the archive stays deployed without endpoints.
     */
    static ArchiveDeployment deploy(Archive<?> archive, DeploymentRouter router, Limits limits) throws IOException {
        String name = archive.getName();
        ArchiveDeployment d = new ArchiveDeployment(name, contextPathOf(name), explode(archive), router);
        try {
            d.start(name.toLowerCase(java.util.Locale.ROOT).endsWith(".war"), limits);
        } catch (IOException | RuntimeException | Error e) {
            d.undeploy(0);
            throw e;
        }
        return d;
    }

    private void start(boolean war, Limits limits) throws IOException {
        Path classes = war ? root.resolve("WEB-INF/classes") : root;
        List<Path> jars = new ArrayList<>();
        Path lib = root.resolve("WEB-INF/lib");
        if (war && Files.isDirectory(lib)) {
            try (Stream<Path> s = Files.list(lib)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        loader = new DeploymentClassLoader("ondine:" + name, urls.toArray(new URL[0]),
                OndineStandaloneContainer.class.getClassLoader());

        ArchiveScan scan = ArchiveScan.scan(loader, classes, jars);
        WebXml webXml = war ? WebXml.read(root.resolve("WEB-INF/web.xml")) : WebXml.NONE;
        List<String> ignored = new ArrayList<>();
        for (String element : webXml.unsupported()) {
            ignored.add("WEB-INF/web.xml " + element);
        }
        ignored.addAll(scan.servletOnly());

        pool = DispatchExecutors.create("ondine-" + name, loader);
        container = new StandaloneServerContainer(limits, pool, contextPath);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            // What Ondine's ServletContainerInitializer does in a web container: the scanned endpoints first.
            ApplicationDeployment.deploy(container, scan.classes());
        } catch (jakarta.websocket.DeploymentException | RuntimeException | LinkageError e) {
            container.halt(e); // §5.2.1: the application's WebSocket deployment halts
        } finally {
            t.setContextClassLoader(previous);
        }
        if (needsServletStartup(webXml, scan)) {
            try {
                servlet = ServletStartup.create(name, contextPath, loader, root, webXml, container, ignored);
                servlet.start(scan.classes());
            } catch (Exception e) {
                throw new IOException("Deployment " + name + ": " + e.getMessage(), e);
            }
        }
        UpgradeAcceptor acceptor = container.acceptor();
        if (!scan.webServlets().isEmpty()) {
            servlets = new ServletUpgrades(container, servlet.context(), loader, scan.webServlets());
            acceptor = servlets;
        }
        container.markDeployed();
        String error = container.error();
        if (error != null) {
            LOG.log(Level.SEVERE, "Deployment " + name + ": the WebSocket endpoints are not deployed (Jakarta WebSocket"
                    + " 2.2 §5.2.1): " + error, container.cause());
        }
        List<String> warnings = new ArrayList<>();
        if (!scan.shadowed().isEmpty()) {
            warnings.add(scan.shadowed().size() + " WebSocket classes of the archive are loaded from the server's class"
                    + " path, not the archive's, and are not deployed from it: " + String.join(", ", scan.shadowed()));
        }
        if (error == null && container.paths().isEmpty() && scan.webServlets().isEmpty()) {
            warnings.add("no WebSocket endpoint deployed (no @ServerEndpoint class, no ServerApplicationConfig and no"
                    + " listener added one); requests to " + contextPath + "/... get 404");
        }
        for (String warning : warnings) {
            LOG.warning("Deployment " + name + ": " + warning);
        }
        if (!ignored.isEmpty()) {
            LOG.warning("Deployment " + name + ": Ondine's standalone server has no servlet container; it deploys the"
                    + " WebSocket endpoints, runs the servlet context listeners and ignores " + String.join(", ", ignored));
        }
        report = new DeploymentReport(name, contextPath, error == null ? container.paths() : List.of(), error, ignored,
                warnings);
        router.add(new DeploymentRouter.Application(contextPath, acceptor,
                war ? StaticResources.webRoot(root) : null, loader));
        routed = true;
    }

    String name() {
        return name;
    }

    String contextPath() {
        return contextPath;
    }

    /** Whether the archive has servlet context listeners or initializers to run. */
    private boolean needsServletStartup(WebXml webXml, ArchiveScan scan) throws IOException {
        return !webXml.listenerClasses().isEmpty() || scan.hasWebListeners() || !scan.webServlets().isEmpty()
                || ServletStartup.hasInitializers(loader);
    }

    /** The archive's class loader, until it is undeployed. */
    ClassLoader classLoader() {
        return loader;
    }

    DeploymentReport report() {
        return report;
    }

    /**
     * Takes the archive out of service: new requests get 404, open sessions are closed with
     * 1001 (their {@code onClose} runs, waited for up to {@code closeTimeoutMillis}), the
     * pool stops, the class loader is closed and the exploded files are deleted. Nothing of
     * the deployment stays reachable from the server.
     */
    void undeploy(long closeTimeoutMillis) {
        if (routed) {
            router.remove(contextPath);
            routed = false;
        }
        if (servlets != null) {
            servlets.destroy();
            servlets = null;
        }
        if (servlet != null) {
            servlet.destroy();
            servlet = null;
        }
        if (container != null) {
            try {
                if (!container.undeployAll(CloseCodes.GOING_AWAY, "Application undeployed", closeTimeoutMillis)) {
                    LOG.warning("Deployment " + name + ": sessions still closing after " + closeTimeoutMillis + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            container = null;
        }
        if (pool != null) {
            DispatchExecutors.shutdown(pool, closeTimeoutMillis);
            pool = null;
        }
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the class loader of " + name, e);
            }
            loader = null;
        }
        deleteTree(root);
    }

    /** Writes every asset of the archive under a new temporary folder. */
    private static Path explode(Archive<?> archive) throws IOException {
        Path root = Files.createTempDirectory("ondine-arquillian-");
        try {
            for (Map.Entry<ArchivePath, Node> e : archive.getContent().entrySet()) {
                Asset asset = e.getValue().getAsset();
                if (asset == null) {
                    continue; // a folder
                }
                String path = e.getKey().get();
                Path target = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("The archive entry " + path + " leaves the archive");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = asset.openStream()) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(root);
            throw e;
        }
        return root;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "Cannot delete " + root, e);
        }
    }
}
