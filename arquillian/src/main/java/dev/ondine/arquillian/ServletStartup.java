package dev.ondine.arquillian;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The servlet-context part of an archive's start on the standalone server, as a web
 * container does it after Ondine's own initializer has published the archive's
 * {@link ServerContainer} and deployed its scanned endpoints: the archive's
 * {@link ServletContainerInitializer}s run (with their {@code @HandlesTypes} classes), then
 * the {@link ServletContextListener}s (from {@code web.xml}, then {@code @WebListener}
 * classes unless {@code metadata-complete}, then those the initializers added) get
 * {@code contextInitialized}; on undeploy they get {@code contextDestroyed}, last first.
 *
 * <p>The {@link ServletContext} they see is a small one of the adapter's own: attributes
 * (with {@code jakarta.websocket.server.ServerContainer}), the context path, the
 * {@code <context-param>}s, the class loader, the archive's files as resources, logging, and
 * {@code addListener} for context listeners. Servlets, filters, sessions and security do
 * not exist standalone: those methods throw {@link UnsupportedOperationException}.
 */
final class ServletStartup {
    private static final Logger LOG = Logger.getLogger(ServletStartup.class.getName());
    static final String SCI_SERVICE = "META-INF/services/" + ServletContainerInitializer.class.getName();

    private final String archiveName;
    private final String contextPath;
    private final ClassLoader loader;
    private final Path root;
    private final WebXml webXml;
    private final List<String> ignored;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> initParameters = new LinkedHashMap<>();
    /** Listeners added by initializers, run after the declared ones. */
    private final List<ServletContextListener> added = new ArrayList<>();
    /** Listeners whose contextInitialized ran, in that order. */
    private final List<ServletContextListener> initialized = new ArrayList<>();
    private final ServletContext context;
    private volatile boolean initializersDone;

    private ServletStartup(String archiveName, String contextPath, ClassLoader loader, Path root, WebXml webXml,
                           List<String> ignored) {
        this.archiveName = archiveName;
        this.contextPath = contextPath;
        this.loader = loader;
        this.root = root;
        this.webXml = webXml;
        this.ignored = ignored;
        this.initParameters.putAll(webXml.contextParams());
        this.context = (ServletContext) Proxy.newProxyInstance(ServletStartup.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, new Handler());
    }

    /** A servlet context for the archive, with {@code container} published in it. */
    static ServletStartup create(String archiveName, String contextPath, ClassLoader loader, Path root, WebXml webXml,
                                 ServerContainer container, List<String> ignored) throws IOException {
        ServletStartup s = new ServletStartup(archiveName, contextPath, loader, root, webXml, ignored);
        s.attributes.put(ServerContainer.class.getName(), container);
        Path temp = root.resolve("WEB-INF/ondine-tmp");
        Files.createDirectories(temp);
        s.attributes.put(ServletContext.TEMPDIR, temp.toFile());
        return s;
    }

    /** Whether {@code loader} (an archive's) has initializers of its own. */
    static boolean hasInitializers(ClassLoader loader) throws IOException {
        return loader instanceof URLClassLoader own && own.findResources(SCI_SERVICE).hasMoreElements();
    }

    /**
     * Runs the archive's initializers and context listeners; adds what it cannot run to the
     * ignored list. A listener or an initializer that throws fails the start, as it fails a
     * web application's start (the listeners that ran are still destroyed by {@link #destroy()}).
     */
    void start(Set<Class<?>> scanned) throws Exception {
        run(scanned);
    }

    private void run(Set<Class<?>> scanned) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            for (ServletContainerInitializer sci : initializers()) {
                try {
                    sci.onStartup(handled(sci.getClass(), scanned), context);
                } catch (Exception | LinkageError e) {
                    throw new IllegalStateException("The ServletContainerInitializer " + sci.getClass().getName()
                            + " failed: " + e, e);
                }
            }
            initializersDone = true;
            List<ServletContextListener> listeners = new ArrayList<>();
            Set<Class<?>> seen = new LinkedHashSet<>();
            for (String name : webXml.listenerClasses()) {
                Class<?> c = Class.forName(name, true, loader);
                if (seen.add(c)) {
                    ServletContextListener l = asContextListener(instantiate(c), "WEB-INF/web.xml <listener> " + name);
                    if (l != null) {
                        listeners.add(l);
                    }
                }
            }
            if (!webXml.metadataComplete()) {
                for (Class<?> c : scanned) {
                    if (c.isAnnotationPresent(WebListener.class) && ServletContextListener.class.isAssignableFrom(c)
                            && !c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                            && seen.add(c)) {
                        listeners.add((ServletContextListener) instantiate(c));
                    }
                }
            }
            listeners.addAll(added);
            ServletContextEvent event = new ServletContextEvent(context);
            for (ServletContextListener l : listeners) {
                try {
                    l.contextInitialized(event);
                } catch (RuntimeException | LinkageError e) {
                    throw new IllegalStateException("The ServletContextListener " + l.getClass().getName()
                            + " failed in contextInitialized: " + e, e);
                }
                initialized.add(l);
            }
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** The servlet context the archive's listeners see. */
    ServletContext context() {
        return context;
    }

    /** Calls contextDestroyed on the listeners that were initialized, last first. */
    void destroy() {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            ServletContextEvent event = new ServletContextEvent(context);
            for (int i = initialized.size() - 1; i >= 0; i--) {
                ServletContextListener l = initialized.get(i);
                try {
                    l.contextDestroyed(event);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "Deployment " + archiveName + ": " + l.getClass().getName()
                            + ".contextDestroyed failed", e);
                }
            }
            initialized.clear();
            added.clear();
            attributes.clear();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** The archive's own initializers (its classes folder and its jars), not the server's. */
    private List<ServletContainerInitializer> initializers() throws Exception {
        List<ServletContainerInitializer> out = new ArrayList<>();
        if (!(loader instanceof URLClassLoader own)) {
            return out;
        }
        for (URL url : Collections.list(own.findResources(SCI_SERVICE))) {
            try (InputStream in = url.openStream();
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    Class<?> c = Class.forName(name, true, loader);
                    if (c.getClassLoader() != loader) {
                        continue; // the server's own (Ondine's initializer): its work is done already
                    }
                    out.add((ServletContainerInitializer) instantiate(c));
                }
            }
        }
        return out;
    }

    /** The scanned classes an initializer's {@code @HandlesTypes} asks for, or null without any. */
    private static Set<Class<?>> handled(Class<?> sci, Set<Class<?>> scanned) {
        HandlesTypes ht = sci.getAnnotation(HandlesTypes.class);
        if (ht == null) {
            return null;
        }
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> c : scanned) {
            for (Class<?> wanted : ht.value()) {
                if (wanted.isAnnotation() ? annotated(c, wanted) : wanted.isAssignableFrom(c) && wanted != c) {
                    out.add(c);
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    @SuppressWarnings("unchecked")
    private static boolean annotated(Class<?> c, Class<?> annotation) {
        try {
            if (c.isAnnotationPresent((Class<? extends Annotation>) annotation)) {
                return true;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent((Class<? extends Annotation>) annotation)) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }

    private static Object instantiate(Class<?> c) throws ReflectiveOperationException {
        var constructor = c.getDeclaredConstructor();
        constructor.setAccessible(true);
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** {@code listener} as a context listener; other listener types are reported as not run. */
    private ServletContextListener asContextListener(Object listener, String what) {
        if (listener instanceof ServletContextListener l) {
            return l;
        }
        String note = what + " (" + listener.getClass().getName() + ": only ServletContextListeners run standalone)";
        ignored.add(note);
        LOG.warning("Deployment " + archiveName + ": ignores " + note);
        return null;
    }

    private void addListener(Object listener) {
        if (initializersDone) {
            throw new IllegalStateException("Listeners can be added only by a ServletContainerInitializer");
        }
        ServletContextListener l = asContextListener(listener, "a listener added by an initializer");
        if (l != null) {
            added.add(l);
        }
    }

    private Path resource(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        Path p = root.resolve(path.substring(1)).normalize();
        return p.startsWith(root) && Files.exists(p) ? p : null;
    }

    private Object invoke(Method m, Object[] args) throws Exception {
        String name = m.getName();
        int n = args == null ? 0 : args.length;
        switch (name) {
            case "getAttribute":
                return attributes.get((String) args[0]);
            case "getAttributeNames":
                return Collections.enumeration(new ArrayList<>(attributes.keySet()));
            case "setAttribute":
                if (args[1] == null) {
                    attributes.remove((String) args[0]);
                } else {
                    attributes.put((String) args[0], args[1]);
                }
                return null;
            case "removeAttribute":
                attributes.remove((String) args[0]);
                return null;
            case "getContextPath":
                return contextPath;
            case "getInitParameter":
                synchronized (initParameters) {
                    return initParameters.get((String) args[0]);
                }
            case "getInitParameterNames":
                synchronized (initParameters) {
                    return Collections.enumeration(new ArrayList<>(initParameters.keySet()));
                }
            case "setInitParameter":
                if (initializersDone) {
                    throw new IllegalStateException("The context is initialized");
                }
                synchronized (initParameters) {
                    return initParameters.putIfAbsent((String) args[0], (String) args[1]) == null;
                }
            case "getClassLoader":
                return loader;
            case "getServletContextName":
                return webXml.displayName();
            case "getServerInfo":
                return "Ondine standalone server (no servlet container)";
            case "getMajorVersion":
            case "getEffectiveMajorVersion":
                return 6;
            case "getMinorVersion":
            case "getEffectiveMinorVersion":
                return 0;
            case "getVirtualServerName":
                return "ondine-standalone";
            case "getContext":
                return contextPath.equals(args[0]) || (contextPath.isEmpty() && "/".equals(args[0])) ? context : null;
            case "log":
                Throwable thrown = n == 2 ? (Throwable) args[1] : null;
                LOG.log(thrown == null ? Level.INFO : Level.WARNING, "[" + archiveName + "] " + args[0], thrown);
                return null;
            case "getResource": {
                Path p = resource((String) args[0]);
                return p == null ? null : p.toUri().toURL();
            }
            case "getResourceAsStream": {
                Path p = resource((String) args[0]);
                return p == null || !Files.isRegularFile(p) ? null : Files.newInputStream(p);
            }
            case "getRealPath": {
                String path = (String) args[0];
                if (path == null) {
                    return null;
                }
                Path p = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
                return p.startsWith(root) ? p.toString() : null;
            }
            case "getResourcePaths": {
                Path dir = resource((String) args[0]);
                if (dir == null || !Files.isDirectory(dir)) {
                    return null;
                }
                Set<String> out = new TreeSet<>();
                try (Stream<Path> s = Files.list(dir)) {
                    s.forEach(p -> out.add("/" + root.relativize(p).toString().replace(File.separatorChar, '/')
                            + (Files.isDirectory(p) ? "/" : "")));
                }
                return out;
            }
            case "getMimeType": {
                String file = (String) args[0];
                return file == null ? null : java.net.URLConnection.guessContentTypeFromName(file);
            }
            case "addListener":
                if (args[0] instanceof String className) {
                    addListener(instantiate(Class.forName(className, true, loader)));
                } else if (args[0] instanceof Class<?> c) {
                    addListener(instantiate(c));
                } else {
                    addListener(args[0]);
                }
                return null;
            case "createListener":
                return instantiate((Class<?>) args[0]);
            case "toString":
                return "ServletContext[" + archiveName + " at '" + contextPath + "', standalone]";
            case "hashCode":
                return System.identityHashCode(context);
            case "equals":
                return args[0] == context;
            default:
                throw new UnsupportedOperationException("ServletContext." + name + " is not available: Ondine's "
                        + "standalone server has no servlet container (only attributes, init parameters, resources, "
                        + "logging and context listeners are)");
        }
    }

    private final class Handler implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class && !"toString".equals(method.getName())
                    && !"hashCode".equals(method.getName()) && !"equals".equals(method.getName())) {
                return method.invoke(this, args);
            }
            return ServletStartup.this.invoke(method, args);
        }
    }
}
