package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.api.OriginPolicy;
import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.metrics.MetricsMBeans;
import dev.ondine.impl.jakarta.server.ApplicationDeployment;
import dev.ondine.impl.jakarta.session.DispatchExecutors;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.transport.servlet.ServletRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Ondine on a servlet container (Jakarta WebSocket 2.2 §6): for each web application, a
 * {@link ServletServerContainer} is published as the servlet context attribute
 * {@code jakarta.websocket.server.ServerContainer} (before the application's listeners
 * run), the {@link WebSocketUpgradeFilter} is mapped in front of everything, an
 * {@link HttpSessionEndListener} closes the connections of an authenticated HTTP session that
 * ends (§7.2), and the scanned endpoints are deployed with the {@link ServerApplicationConfig}
 * rules (§6.2).
 *
 * <p>A deployment error (§5.2.1) halts the application's WebSocket deployment, logged once
 * with the class and the reason; the rest of the application keeps running.
 *
 * <p>The application's figures are published as the context attribute
 * {@link ApplicationMetrics#ATTRIBUTE} and as JMX MBeans ({@link MetricsMBeans}) from its
 * start to its stop.
 *
 * <p>Configuration: any engine limit by its {@link Limits} name (such as
 * {@code ondine.maxTextMessageBytes}) and the origin allow-list
 * ({@value OriginPolicy#ALLOWED_ORIGINS}) as a context init parameter or a system property
 * (the parameter wins).
 */
@HandlesTypes({ServerEndpoint.class, Endpoint.class, ServerApplicationConfig.class})
public class OndineServletContainerInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger(OndineServletContainerInitializer.class.getName());
    /** The filter's name in the application. */
    public static final String FILTER_NAME = "ondine-websocket";

    @Override
    public void onStartup(Set<Class<?>> scanned, ServletContext context) {
        String attribute = ServerContainer.class.getName();
        Object existing = context.getAttribute(attribute);
        if (existing != null && !(existing instanceof ServletServerContainer)) {
            LOG.warning("Ondine: the application at '" + context.getContextPath() + "' already has a ServerContainer ("
                    + existing.getClass().getName() + "); Ondine leaves it in place");
            return;
        }
        if (existing != null) {
            return; // initialized already
        }
        String contextPath = context.getContextPath();
        // Every setting by its name as a context init parameter, else a system property.
        Function<String, String> settings = name -> {
            String value = context.getInitParameter(name);
            return value != null ? value : System.getProperty(name);
        };
        Limits limits = Limits.fromProperties(settings);
        String name = contextPath.isEmpty() ? "ROOT" : contextPath.substring(1).replace('/', '-');
        ServletRuntime runtime = newRuntime(name, limits, context.getClassLoader());
        ServletServerContainer container = new ServletServerContainer(runtime, contextPath);
        container.setOriginPolicy(OriginPolicy.fromProperties(settings)); // RFC 6455 §10.2
        context.setAttribute(attribute, container);

        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new WebSocketUpgradeFilter(container));
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        context.setAttribute(ApplicationMetrics.ATTRIBUTE, container.metrics());
        MetricsMBeans published = MetricsMBeans.register(container.metrics());
        context.addListener(new Stop(container, runtime, limits.closeTimeoutMillis(), published));
        // §7.2 [WSC-7.2-3]: connections opened under an authenticated HTTP session close with 1008 when it ends.
        context.addListener(new HttpSessionEndListener(container.authenticatedSessions()));

        try {
            ApplicationDeployment.deploy(container, scanned == null ? Set.of() : scanned);
        } catch (DeploymentException | RuntimeException | LinkageError e) {
            container.failDeployment(e);
        }
    }

    /**
     * The connections' shared resources for the application {@code name}: its pool runs
     * endpoint code with the application's class loader as context class loader.
     */
    static ServletRuntime newRuntime(String name, Limits limits, ClassLoader applicationLoader) {
        return new ServletRuntime(name, limits, DispatchExecutors.create("ondine-" + name, applicationLoader),
                applicationLoader);
    }

    /** Stops {@code runtime}'s timer thread and its pool (whose tasks get {@code timeoutMillis} to finish). */
    static void shutdown(ServletRuntime runtime, long timeoutMillis) {
        runtime.shutdown();
        DispatchExecutors.shutdown(runtime.pool(), timeoutMillis);
    }

    /**
     * Publishes the endpoints' MBeans once the application has started (its listeners may have
     * added endpoints); closes the sessions with 1001, takes the MBeans back and stops the
     * threads when it stops.
     */
    private static final class Stop implements ServletContextListener {
        private final ServletServerContainer container;
        private final ServletRuntime runtime;
        private final long timeoutMillis;
        private final MetricsMBeans published;

        Stop(ServletServerContainer container, ServletRuntime runtime, long timeoutMillis, MetricsMBeans published) {
            this.container = container;
            this.runtime = runtime;
            this.timeoutMillis = timeoutMillis;
            this.published = published;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            published.refresh();
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            published.close();
            event.getServletContext().removeAttribute(ApplicationMetrics.ATTRIBUTE);
            try {
                container.undeployAll(CloseCodes.GOING_AWAY, "Application stopped", timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdown(runtime, timeoutMillis);
            // Ondine in this application's WEB-INF/lib: its client threads are the application's
            // too. (Installed in the server, they are shared by every application and stay.)
            if (OndineClients.class.getClassLoader() == event.getServletContext().getClassLoader()) {
                OndineClients.shutdownIfStarted();
            }
            event.getServletContext().removeAttribute(ServerContainer.class.getName());
        }
    }
}
