package dev.ondine.arquillian;

import dev.ondine.api.Limits;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ConfigurationMapper;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration of {@link OndineStandaloneContainer}, from the container's properties in
 * {@code arquillian.xml}:
 *
 * <pre>{@code
 * <container qualifier="ondine" default="true">
 *   <configuration>
 *     <property name="bindAddress">127.0.0.1</property>
 *     <property name="port">0</property>
 *     <property name="failOnDeploymentError">false</property>
 *     <property name="ondine.maxTextMessageBytes">65536</property>
 *   </configuration>
 * </container>
 * }</pre>
 *
 * <ul>
 *   <li>{@code bindAddress}: where the server listens (default {@code 127.0.0.1});</li>
 *   <li>{@code port}: its port (default 8080; 0 picks a free port);</li>
 *   <li>{@code selectorThreads}: NIO selector threads (default 0: one per processor);</li>
 *   <li>{@code failOnDeploymentError}: whether a WebSocket deployment error makes
 *       {@code deploy()} fail (default false: the archive stays deployed without its
 *       endpoints, as on an application server, and the error is in its
 *       {@link DeploymentReport});</li>
 *   <li>every engine limit by its {@link Limits} name ({@code ondine.maxTextMessageBytes},
 *       {@code ondine.idleTimeoutMillis}, ...).</li>
 * </ul>
 * An unknown property is an error rather than a silent no-op.
 */
public final class OndineStandaloneConfiguration implements ContainerConfiguration {
    /** The limit names of {@link Limits}: its public String constants. */
    static final Set<String> LIMIT_NAMES = limitNames();

    private String bindAddress = "127.0.0.1";
    private int port = 8080;
    private int selectorThreads;
    private boolean failOnDeploymentError;
    private final Map<String, String> limits = new LinkedHashMap<>();

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getSelectorThreads() {
        return selectorThreads;
    }

    public void setSelectorThreads(int selectorThreads) {
        this.selectorThreads = selectorThreads;
    }

    public boolean isFailOnDeploymentError() {
        return failOnDeploymentError;
    }

    public void setFailOnDeploymentError(boolean failOnDeploymentError) {
        this.failOnDeploymentError = failOnDeploymentError;
    }

    /** Sets an engine limit by its {@link Limits} name. */
    public void setLimit(String name, String value) {
        if (!LIMIT_NAMES.contains(name)) {
            throw new ConfigurationException("Unknown Ondine limit '" + name + "'; the limits are " + LIMIT_NAMES);
        }
        limits.put(name, value);
    }

    /** The limits set, by name. */
    public Map<String, String> getLimitProperties() {
        return Collections.unmodifiableMap(limits);
    }

    /** The engine limits: the defaults, with what is set here. */
    public Limits limits() {
        return Limits.fromMap(limits);
    }

    /** Sets one property by its {@code arquillian.xml} name. */
    public void set(String name, String value) {
        String v = value == null ? "" : value.trim();
        switch (name) {
            case "bindAddress" -> bindAddress = v;
            case "port" -> port = integer(name, v);
            case "selectorThreads" -> selectorThreads = integer(name, v);
            case "failOnDeploymentError" -> failOnDeploymentError = Boolean.parseBoolean(v);
            default -> {
                if (!name.startsWith("ondine.")) {
                    throw new ConfigurationException("Unknown property '" + name + "' of the Ondine container; it has"
                            + " bindAddress, port, selectorThreads, failOnDeploymentError and the limits " + LIMIT_NAMES);
                }
                setLimit(name, v);
            }
        }
    }

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must be set");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port must be between 0 and 65535, not " + port);
        }
        try {
            limits();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static Set<String> limitNames() {
        Set<String> names = new TreeSet<>();
        for (Field f : Limits.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** Maps every property of the container's definition, dotted limit names included. */
    static final class Mapper implements ConfigurationMapper<OndineStandaloneConfiguration> {
        @Override
        public void populateConfiguration(OndineStandaloneConfiguration configuration, ContainerDef definition) {
            for (Map.Entry<String, String> e : definition.getContainerProperties().entrySet()) {
                configuration.set(e.getKey(), e.getValue());
            }
        }
    }
}
