package dev.ondine.tck.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ondine's client with Tyrus's standalone server (Grizzly), bound to 127.0.0.1, serving
 * {@link InteropEndpoint} with Tyrus's permessage-deflate installed. The server runs in a
 * class loader of its own ({@link #tyrusOnly()}): on the test class path, where Ondine (and
 * Jetty, Undertow) sit beside Tyrus, the API's lookup of the container-default configurator
 * would give Tyrus another implementation's, and the matrix would measure the class path
 * rather than what Tyrus does on the wire.
 */
class TyrusServerInteropTest {
    @Test
    @Timeout(120)
    void tyrusServer() throws Exception {
        MatrixColumn column = new MatrixColumn(Side.ONDINE_CLIENT, "tyrus",
                "Tyrus " + System.getProperty("tyrus.version", "2.2") + " server (Grizzly)");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (URLClassLoader loader = tyrusOnly()) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            Runnable stop;
            thread.setContextClassLoader(loader); // Tyrus and the API look services up through it
            try {
                stop = (Runnable) loader.loadClass(TyrusServerLauncher.class.getName())
                        .getMethod("start", int.class).invoke(null, port);
            } finally {
                thread.setContextClassLoader(previous);
            }
            try {
                OndineClientSuites.run(column, URI.create("ws://127.0.0.1:" + port + "/interop"));
            } finally {
                stop.run();
            }
        }
        column.writeAndAssertNoNewFailures();
    }

    /**
     * A loader over the test class path's Tyrus and Grizzly jars (not the client bundle), the
     * Jakarta WebSocket API jars and this module's test classes, with the platform loader as
     * parent: no other Jakarta WebSocket implementation is visible in it.
     */
    private static URLClassLoader tyrusOnly() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            boolean tyrus = path.contains("/org/glassfish/tyrus/") && !path.contains("/bundles/");
            boolean grizzly = path.contains("/org/glassfish/grizzly/");
            boolean api = path.contains("/jakarta/websocket/jakarta.websocket-");
            boolean testClasses = path.endsWith("/test-classes") || path.endsWith("/test-classes/");
            if (tyrus || grizzly || api || testClasses) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader("tyrus-only", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
