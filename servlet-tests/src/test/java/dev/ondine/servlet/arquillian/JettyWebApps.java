package dev.ondine.servlet.arquillian;

import org.eclipse.jetty.server.Handler;

import java.io.File;

/**
 * A web application of one Jetty 12 environment (ee10, ee11) for {@link EmbeddedJettyContainer}:
 * the WAR under {@code contextPath}, annotation scanning on, start-up errors thrown. Each
 * environment is a class of its own, loaded only when chosen (the other's jars may be absent).
 */
interface JettyWebApps {
    Handler create(String contextPath, File war, File tempDirectory);

    /** Jetty 12 ee10 (Servlet 6.0). */
    final class Ee10 implements JettyWebApps {
        @Override
        public Handler create(String contextPath, File war, File tempDirectory) {
            org.eclipse.jetty.ee10.webapp.WebAppContext ctx = new org.eclipse.jetty.ee10.webapp.WebAppContext();
            ctx.setContextPath(contextPath);
            ctx.setWar(war.getAbsolutePath());
            ctx.setTempDirectory(tempDirectory);
            ctx.addConfiguration(new org.eclipse.jetty.ee10.annotations.AnnotationConfiguration());
            ctx.setThrowUnavailableOnStartupException(true);
            return ctx;
        }
    }

    /** Jetty 12 ee11 (Servlet 6.1). */
    final class Ee11 implements JettyWebApps {
        @Override
        public Handler create(String contextPath, File war, File tempDirectory) {
            org.eclipse.jetty.ee11.webapp.WebAppContext ctx = new org.eclipse.jetty.ee11.webapp.WebAppContext();
            ctx.setContextPath(contextPath);
            ctx.setWar(war.getAbsolutePath());
            ctx.setTempDirectory(tempDirectory);
            ctx.addConfiguration(new org.eclipse.jetty.ee11.annotations.AnnotationConfiguration());
            ctx.setThrowUnavailableOnStartupException(true);
            return ctx;
        }
    }
}
