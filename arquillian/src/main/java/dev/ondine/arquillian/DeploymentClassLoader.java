package dev.ondine.arquillian;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one deployed archive: its own classes first (as a web application's
 * loader does), except for the platform, the Jakarta APIs and Ondine, which always come from
 * the parent so that the archive and the server agree on them.
 */
final class DeploymentClassLoader extends URLClassLoader {
    /**
     * Not {@code com.sun.}: the JDK's own {@code com.sun.*} classes are not in archives anyway,
     * and applications do live there (every endpoint of the official TCK is a
     * {@code com.sun.ts.tests.*} class, also on the test class path: loaded parent first, the
     * archive scan would see none of them as the archive's own and deploy nothing).
     */
    private static final String[] PARENT_FIRST = {
        "java.", "javax.", "jakarta.", "jdk.", "sun.",
        "dev.ondine.api.", "dev.ondine.impl.",
    };
    /** The adapter's own package (not its sub-packages, where tests may keep applications). */
    private static final String ADAPTER_PACKAGE = "dev.ondine.arquillian.";

    static {
        registerAsParallelCapable();
    }

    DeploymentClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    static boolean parentFirst(String className) {
        if (className.startsWith(ADAPTER_PACKAGE) && className.indexOf('.', ADAPTER_PACKAGE.length()) < 0) {
            return true;
        }
        for (String p : PARENT_FIRST) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (parentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        String asClass = name.replace('/', '.');
        if (!parentFirst(asClass)) {
            URL own = findResource(name);
            if (own != null) {
                return own;
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        String asClass = name.replace('/', '.');
        if (!parentFirst(asClass)) {
            all.addAll(Collections.list(findResources(name)));
        }
        for (URL u : Collections.list(getParent().getResources(name))) {
            if (!all.contains(u)) {
                all.add(u);
            }
        }
        return Collections.enumeration(all);
    }
}
