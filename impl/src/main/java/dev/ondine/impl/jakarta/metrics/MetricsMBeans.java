package dev.ondine.impl.jakarta.metrics;

import dev.ondine.api.metrics.ApplicationMetrics;
import dev.ondine.api.metrics.EndpointMetrics;
import dev.ondine.api.metrics.OndineMetrics;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes an application's figures as MXBeans on the platform MBean server, and lists it in
 * {@link OndineMetrics#applications()}: {@code dev.ondine:type=Application,application="NAME"}
 * (its totals) and one {@code dev.ondine:type=Endpoint,application="NAME",endpoint="PATH"} per
 * endpoint (values quoted with {@link ObjectName#quote}). NAME is the application's name; when
 * another live application already has it (two servers in one JVM), {@code " (2)"},
 * {@code " (3)"}... is added. Failures are logged, never thrown: monitoring must not stop an
 * application from starting.
 */
public final class MetricsMBeans implements OndineMetrics.Registration {
    private static final Logger LOG = Logger.getLogger(MetricsMBeans.class.getName());
    static final String DOMAIN = "dev.ondine";

    private final ApplicationMetrics application;
    private final OndineMetrics.Registration listed;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> names = new ArrayList<>();
    private String key;
    private boolean closed;

    private MetricsMBeans(ApplicationMetrics application) {
        this.application = application;
        this.listed = OndineMetrics.register(application);
    }

    /** Publishes {@code application} and its endpoints deployed so far; {@link #close()} takes it all back. */
    public static MetricsMBeans register(ApplicationMetrics application) {
        MetricsMBeans published = new MetricsMBeans(application);
        published.refresh();
        return published;
    }

    /** The application's MBean name, or null if it could not be registered. */
    public synchronized ObjectName applicationName() {
        return names.isEmpty() ? null : names.get(0);
    }

    /** Registers the MBeans of endpoints deployed since (an application's listeners may add some). */
    public synchronized void refresh() {
        if (closed) {
            return;
        }
        try {
            if (key == null) {
                key = registerApplication();
            }
            for (EndpointMetrics e : application.endpoints()) {
                ObjectName name = new ObjectName(DOMAIN + ":type=Endpoint,application=" + ObjectName.quote(key)
                        + ",endpoint=" + ObjectName.quote(e.path()));
                if (!names.contains(name) && !server.isRegistered(name)) {
                    server.registerMBean(new MetricsBean.Endpoint(e), name);
                    names.add(name);
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot publish the JMX metrics of " + application.name(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listed.close();
        for (ObjectName name : names) {
            try {
                server.unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.FINE, "Cannot unregister " + name, e);
            }
        }
        names.clear();
    }

    /** Registers the application's MBean under the first free name; returns the application key used. */
    private String registerApplication() throws JMException {
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? application.name() : application.name() + " (" + n + ")";
            ObjectName name = new ObjectName(DOMAIN + ":type=Application,application=" + ObjectName.quote(candidate));
            try {
                server.registerMBean(new MetricsBean.Application(application), name);
                names.add(name);
                return candidate;
            } catch (InstanceAlreadyExistsException taken) {
                // another live application has this name: try the next
            }
        }
    }
}
