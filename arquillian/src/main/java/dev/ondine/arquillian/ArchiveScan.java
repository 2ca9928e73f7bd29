package dev.ondine.arquillian;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The classes of a deployed archive (its classes folder and its library jars), loaded
 * without initialising them, for the WebSocket scan (Jakarta WebSocket 2.2 §6.2); and what
 * in the archive needs a servlet container, which the standalone server has not.
 */
final class ArchiveScan {
    private static final Logger LOG = Logger.getLogger(ArchiveScan.class.getName());

    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final List<String> servletOnly = new ArrayList<>();
    private boolean webListeners;
    private final List<Class<?>> webServlets = new ArrayList<>();
    private final List<String> shadowed = new ArrayList<>();

    private ArchiveScan() {
    }

    Set<Class<?>> classes() {
        return classes;
    }

    /** Whether a class of the archive is annotated {@code @WebListener}. */
    boolean hasWebListeners() {
        return webListeners;
    }

    /** The {@code @WebServlet} servlets of the archive (run for WebSocket upgrade requests only). */
    List<Class<?>> webServlets() {
        return webServlets;
    }

    /**
     * WebSocket components the archive carries (endpoints, configurations) that are loaded
     * from the server's class path instead, so that the scan cannot deploy them.
     */
    List<String> shadowed() {
        return shadowed;
    }

    /** Servlet-only classes and descriptors, each with what it is. */
    List<String> servletOnly() {
        return servletOnly;
    }

    static ArchiveScan scan(ClassLoader loader, Path classesFolder, List<Path> jars) throws IOException {
        ArchiveScan scan = new ArchiveScan();
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(classesFolder)) {
            try (Stream<Path> s = Files.walk(classesFolder)) {
                s.filter(Files::isRegularFile).map(p -> classesFolder.relativize(p).toString().replace('\\', '/'))
                        .sorted().forEach(n -> scan.entry(n, names, classesFolder.getFileName() + "/"));
            }
        }
        for (Path jar : jars) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = jf.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (!e.isDirectory()) {
                        scan.entry(e.getName(), names, "WEB-INF/lib/" + jar.getFileName() + "!/");
                    }
                }
            }
        }
        for (String name : names) {
            scan.load(loader, name);
        }
        return scan;
    }

    private void entry(String path, List<String> names, String where) {
        if (!path.endsWith(".class") || path.startsWith("META-INF/") || path.endsWith("module-info.class")
                || path.endsWith("package-info.class")) {
            return;
        }
        names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
    }

    private void load(ClassLoader loader, String name) {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("jakarta/servlet") || m.contains("javax/servlet")) {
                servletOnly.add(name + " (needs the Servlet API: " + m + ")");
            } else {
                LOG.log(Level.FINE, "Cannot load " + name + " of a deployed archive", e);
            }
            return;
        }
        if (c.getClassLoader() != loader) {
            // The server's own copy of a class the archive also has: not the archive's to deploy.
            if (isWebSocketComponent(c)) {
                shadowed.add(name);
            }
            return;
        }
        try {
            for (Annotation a : c.getAnnotations()) {
                String n = a.annotationType().getName();
                webListeners |= n.equals("jakarta.servlet.annotation.WebListener");
                if (n.equals("jakarta.servlet.annotation.WebServlet") && isServletClass(c)) {
                    webServlets.add(c);
                    classes.add(c);
                    return;
                }
            }
        } catch (LinkageError e) {
            // reported below
        }
        String kind = servletKind(c);
        if (kind != null && !runsStandalone(c)) {
            servletOnly.add(name + " (" + kind + ")");
        }
        classes.add(c);
    }

    private static boolean isWebSocketComponent(Class<?> c) {
        try {
            return c.isAnnotationPresent(ServerEndpoint.class)
                    || ServerApplicationConfig.class.isAssignableFrom(c)
                    || Endpoint.class.isAssignableFrom(c) && !c.getName().startsWith("dev.ondine.");
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Whether the standalone server runs {@code c} ({@link ServletStartup}): a servlet context
     * listener or a {@code ServletContainerInitializer} that is nothing else of the servlet API.
     */
    static boolean runsStandalone(Class<?> c) {
        try {
            boolean runnable = false;
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                if (isServlet(k.getName())) {
                    return false; // extends a servlet class, such as HttpServlet
                }
                for (String i : servletInterfaces(k, new java.util.ArrayList<>())) {
                    if (i.equals("jakarta.servlet.ServletContextListener")
                            || i.equals("jakarta.servlet.ServletContainerInitializer")) {
                        runnable = true;
                    } else if (!i.equals("java.util.EventListener")) {
                        return false;
                    }
                }
            }
            for (Annotation a : c.getAnnotations()) {
                String n = a.annotationType().getName();
                if (isServlet(n) && !n.equals("jakarta.servlet.annotation.WebListener")
                        && !n.equals("jakarta.servlet.annotation.HandlesTypes")) {
                    return false;
                }
            }
            return runnable;
        } catch (LinkageError e) {
            return false;
        }
    }

    private static List<String> servletInterfaces(Class<?> k, List<String> out) {
        for (Class<?> i : k.getInterfaces()) {
            if (isServlet(i.getName())) {
                out.add(i.getName());
            }
            servletInterfaces(i, out);
        }
        return out;
    }

    private static boolean isServletClass(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (servletInterfaces(k, new ArrayList<>()).contains("jakarta.servlet.Servlet")) {
                return !java.lang.reflect.Modifier.isAbstract(c.getModifiers());
            }
        }
        return false;
    }

    /** What makes {@code c} a servlet-container component, or null. */
    static String servletKind(Class<?> c) {
        try {
            for (Annotation a : c.getAnnotations()) {
                if (isServlet(a.annotationType().getName())) {
                    return "@" + a.annotationType().getSimpleName();
                }
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                if (isServlet(k.getName())) {
                    return k.getSimpleName();
                }
                String i = servletInterface(k);
                if (i != null) {
                    return i;
                }
            }
        } catch (LinkageError e) {
            return "needs the Servlet API: " + e.getMessage();
        }
        return null;
    }

    private static String servletInterface(Class<?> k) {
        for (Class<?> i : k.getInterfaces()) {
            if (isServlet(i.getName())) {
                return i.getSimpleName();
            }
            String inherited = servletInterface(i);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    private static boolean isServlet(String className) {
        return className.startsWith("jakarta.servlet.") || className.startsWith("javax.servlet.");
    }
}
