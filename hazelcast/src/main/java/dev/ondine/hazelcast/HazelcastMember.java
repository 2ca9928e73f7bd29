package dev.ondine.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ReliableTopicConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Starts a Hazelcast member that finds its peers over TCP/IP, for a cluster of Ondine nodes:
 * it binds the first free port of a range on one address, joins the members listed (multicast and
 * cloud auto-detection off), and logs warnings only.
 *
 * <pre>{@code
 * HazelcastInstance hz = HazelcastMember.cluster("10.0.0.5:5701-5703").start();
 * HazelcastInstance hz = HazelcastMember.tcp().host("10.0.0.5").ports(5701, 5701)
 *         .members("10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701").clusterName("chat").start();
 * }</pre>
 */
public final class HazelcastMember {
    /** Kept: java.util.logging holds its loggers weakly, and the level is set on this one. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private HazelcastMember() {
    }

    /** A builder with the defaults: 127.0.0.1, port 5701, itself as the only member, cluster {@code ondine}. */
    public static Builder tcp() {
        return new Builder();
    }

    /**
     * A builder for {@code HOST:PORT} or {@code HOST:FIRST-LAST}: the member binds the first free port of
     * the range on HOST and joins the others of that range on that host. (For peers on several hosts, use
     * {@link Builder#members}.)
     *
     * @throws IllegalArgumentException if {@code spec} is not of that form; its message says why in one line
     */
    public static Builder cluster(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("Not a cluster address: " + spec + " (HOST:PORT or HOST:FIRST-LAST,"
                    + " for example 127.0.0.1:5701-5703)");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String ports = spec.substring(colon + 1);
        int dash = ports.indexOf('-');
        int first = port(spec, dash < 0 ? ports : ports.substring(0, dash));
        int last = dash < 0 ? first : port(spec, ports.substring(dash + 1));
        if (last < first) {
            throw new IllegalArgumentException("Not a port range: " + ports + " in " + spec + " (the first port comes first)");
        }
        if (last - first >= 100) {
            throw new IllegalArgumentException("Port range too wide: " + ports + " in " + spec + " (at most 100 ports)");
        }
        Builder b = tcp().host(host).ports(first, last);
        List<String> members = new ArrayList<>();
        for (int p = first; p <= last; p++) {
            members.add(literal(host) + ":" + p);
        }
        return b.members(members.toArray(String[]::new));
    }

    private static int port(String spec, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException("Not a port: " + value + " in " + spec + " (1 to 65535)");
    }

    private static String literal(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /**
     * Hazelcast logs through java.util.logging at level WARNING and above only (its start-up banner,
     * member lists and partition tables are INFO). Called by {@link Builder#start()} unless
     * {@link Builder#quietLogging(boolean)} turned it off.
     */
    public static void quietLogging() {
        HAZELCAST_LOG.setLevel(Level.WARNING);
    }

    /** How to start a member. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int firstPort = 5701;
        private int lastPort = 5701;
        private List<String> members;
        private String clusterName = "ondine";
        private boolean quietLogging = true;
        private int joinSeconds = 3;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder() {
        }

        /** The address (name or literal) the member binds and announces. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** It binds the first free port from {@code first} to {@code last}. */
        public Builder ports(int first, int last) {
            if (first < 1 || last > 65535 || last < first) {
                throw new IllegalArgumentException("Not a port range: " + first + "-" + last);
            }
            this.firstPort = first;
            this.lastPort = last;
            return this;
        }

        /** The members to join, {@code HOST:PORT} each (default: the host's own port range). */
        public Builder members(String... members) {
            this.members = List.of(members);
            return this;
        }

        /** Only members of the same cluster name join (default {@code ondine}). */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * How long a starting member looks for the others before it forms a cluster alone (default 3 s;
         * peers that start later join it, and clusters formed apart merge within about 10 s).
         */
        public Builder joinSeconds(int seconds) {
            this.joinSeconds = seconds;
            return this;
        }

        /** Hazelcast's INFO lines too (default: warnings only, {@link HazelcastMember#quietLogging()}). */
        public Builder quietLogging(boolean quiet) {
            this.quietLogging = quiet;
            return this;
        }

        /**
         * An attribute of this member that the others see ({@code Member.getAttribute}): for example
         * where its HTTP server is.
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A Hazelcast property ({@code hazelcast.*}), set last. */
        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        /**
         * The configuration {@link #start()} uses, to adjust before starting it with
         * {@code Hazelcast.newHazelcastInstance(config)}.
         *
         * @throws IllegalArgumentException if the host is unknown
         */
        public Config config() {
            String address;
            try {
                address = InetAddress.getByName(host).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Unknown host " + host, e);
            }
            Config config = new Config();
            config.setClusterName(clusterName);
            config.setProperty("hazelcast.logging.type", "jdk");
            config.setProperty("hazelcast.phone.home.enabled", "false");
            // The application stops the member when it is done with it (after its sessions are closed).
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
            config.setProperty("hazelcast.socket.bind.any", "false");
            config.setProperty("hazelcast.wait.seconds.before.join", "0");
            config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
            config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
            // Hazelcast's own metrics (for its Management Center) cost an idle member about a third of
            // its background CPU here (docs/cluster.md); config() callers may turn them on again.
            config.getMetricsConfig().setEnabled(false);
            // A group's reader takes up to 100 messages per read (Hazelcast's default, 10, let a reader fall
            // behind a fast publisher and lose messages; docs/cluster.md).
            config.addReliableTopicConfig(new ReliableTopicConfig("ondine.group.*").setReadBatchSize(100));
            NetworkConfig network = config.getNetworkConfig();
            network.setPort(firstPort).setPortAutoIncrement(true).setPortCount(lastPort - firstPort + 1);
            network.getInterfaces().setEnabled(true).addInterface(address);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            List<String> peers = members;
            if (peers == null) {
                peers = new ArrayList<>();
                for (int p = firstPort; p <= lastPort; p++) {
                    peers.add(literal(address) + ":" + p);
                }
            }
            join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(peers))
                    .setConnectionTimeoutSeconds(Math.max(1, joinSeconds));
            attributes.forEach(config.getMemberAttributeConfig()::setAttribute);
            properties.forEach(config::setProperty);
            return config;
        }

        /**
         * Starts the member; it has joined the others it found when this returns.
         *
         * @throws IllegalArgumentException if the host is unknown
         * @throws IllegalStateException if no port of the range is free ({@code Hazelcast}'s exception as cause)
         */
        public HazelcastInstance start() {
            Config config = config();
            if (!quietLogging) {
                return startOrExplain(config);
            }
            HazelcastMember.quietLogging();
            // What Hazelcast logs while it starts is held back: told if it starts, dropped if it cannot
            // (the exception says why in one line; Hazelcast's own report is a stack trace).
            HeldRecords held = new HeldRecords();
            HAZELCAST_LOG.addHandler(held);
            HAZELCAST_LOG.setUseParentHandlers(false);
            boolean started = false;
            try {
                HazelcastInstance hz = startOrExplain(config);
                started = true;
                return hz;
            } finally {
                HAZELCAST_LOG.removeHandler(held);
                HAZELCAST_LOG.setUseParentHandlers(true);
                if (started) {
                    held.records().forEach(HAZELCAST_LOG::log);
                }
            }
        }

        private HazelcastInstance startOrExplain(Config config) {
            try {
                return Hazelcast.newHazelcastInstance(config);
            } catch (RuntimeException e) {
                String ports = firstPort == lastPort ? String.valueOf(firstPort) : firstPort + "-" + lastPort;
                throw new IllegalStateException("Cannot start a Hazelcast member on " + literal(host) + ":" + ports
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Log records held while a member starts. */
    private static final class HeldRecords extends Handler {
        private final List<LogRecord> records = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        synchronized List<LogRecord> records() {
            return new ArrayList<>(records);
        }

        @Override
        public void flush() {
            // nothing buffered outside the list
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
