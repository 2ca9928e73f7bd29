package dev.ondine.servlet.arquillian;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * {@code arquillian.xml} of {@link EmbeddedTomcatContainer} and {@link EmbeddedJettyContainer}: {@code bindAddress} (127.0.0.1),
 * {@code port} (0: a free one), and {@code users}, the users of the container's realm as
 * {@code name:password:role[,name:password:role...]} (for secured endpoints).
 */
public final class ServletContainerConfiguration implements ContainerConfiguration {
    private String bindAddress = "127.0.0.1";
    private int port;
    private String users = "";

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

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }

    /** The users as {name, password, role} triples. */
    String[][] userTriples() {
        if (users == null || users.isBlank()) {
            return new String[0][];
        }
        String[] entries = users.trim().split("\\s*,\\s*");
        String[][] triples = new String[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            String[] t = entries[i].split(":", -1);
            if (t.length != 3 || t[0].isEmpty()) {
                throw new ConfigurationException("users: expected name:password:role, got " + entries[i]);
            }
            triples[i] = t;
        }
        return triples;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port: " + port);
        }
        userTriples();
    }
}
