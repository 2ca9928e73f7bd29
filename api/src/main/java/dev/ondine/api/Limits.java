package dev.ondine.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The limits every Ondine connection runs under, and the permessage-deflate switch. Each
 * limit has a default that is safe against a hostile peer, and a configuration key (a
 * system property or an entry of a configuration map) under which it can be changed.
 *
 * <p>Instances are immutable; {@link #builder()} starts from the defaults and
 * {@link #fromProperties(Function)} reads the keys below.
 */
public final class Limits {

    /** Largest payload of one frame in bytes; a bigger frame ends the connection with 1009. */
    public static final String MAX_FRAME_PAYLOAD = "ondine.maxFramePayloadBytes";
    /** Largest whole text message in bytes (UTF-8); a bigger one ends the connection with 1009. */
    public static final String MAX_TEXT_MESSAGE = "ondine.maxTextMessageBytes";
    /** Largest whole binary message in bytes; a bigger one ends the connection with 1009. */
    public static final String MAX_BINARY_MESSAGE = "ondine.maxBinaryMessageBytes";
    /** Largest HTTP upgrade request head (request line and headers) in bytes; more gets 431. */
    public static final String MAX_HANDSHAKE_HEADER = "ondine.maxHandshakeHeaderBytes";
    /** Time a new connection has to complete its opening handshake, in milliseconds. */
    public static final String HANDSHAKE_TIMEOUT = "ondine.handshakeTimeoutMillis";
    /** Time without any received frame after which a session is closed with 1001 (0: never). */
    public static final String IDLE_TIMEOUT = "ondine.idleTimeoutMillis";
    /** Time to wait for the peer's close frame, then for its TCP close, in milliseconds. */
    public static final String CLOSE_TIMEOUT = "ondine.closeTimeoutMillis";
    /**
     * Bytes a session may hold queued for a peer that does not read. Past this, reading from
     * that peer pauses, and new asynchronous sends fail instead of growing the queue.
     */
    public static final String MAX_OUTGOING_QUEUE = "ondine.maxOutgoingQueueBytes";
    /**
     * Bytes of received messages a session may hold waiting for its endpoint (queued for its
     * handlers, or not yet read from a handler's stream). Past this, reading from the peer
     * pauses until the endpoint has taken half of them.
     */
    public static final String MAX_INCOMING_BACKLOG = "ondine.maxIncomingBacklogBytes";
    /**
     * Largest decompressed size of a compressed message (permessage-deflate) that is
     * delivered in parts (partial and stream handlers); a bigger one ends the connection with
     * 1009 as soon as the inflated bytes pass it. Whole messages are bounded by the text and
     * binary message limits, which apply to their decompressed size.
     */
    public static final String MAX_DECOMPRESSED_MESSAGE = "ondine.maxDecompressedMessageBytes";
    /**
     * Whether permessage-deflate (RFC 7692) is offered by clients and accepted by servers:
     * {@code true} (the default) or {@code false}.
     */
    public static final String PERMESSAGE_DEFLATE = "ondine.permessageDeflate";
    /**
     * {@code true}: a server's handshake puts the connection's addresses and TLS details into
     * the user properties of the configurator's {@code ServerEndpointConfig} and of the session,
     * under the keys of {@link ConnectionInfo}, for code that sees only the Jakarta API (also
     * read per endpoint from the deployed configuration's user properties). {@code false} (the
     * default) leaves the user properties to the application, as the Jakarta WebSocket TCK
     * expects (it counts them); {@link ConnectionInfo#of} answers either way.
     */
    public static final String CONNECTION_PROPERTIES = "ondine.connectionProperties";
    /**
     * permessage-deflate: milliseconds without a compressed message after which a connection
     * gives back zlib's memory (about 300 KiB outside the heap while held); the next message
     * rebuilds it from the last bytes kept on the heap. {@code 0} releases after every
     * message, a negative value never (until the connection closes).
     */
    public static final String DEFLATE_RELEASE = "ondine.deflateReleaseMillis";

    /** Open connections the server accepts in total; past it new ones get 503 and are closed. */
    public static final String MAX_CONNECTIONS = "ondine.maxConnections";
    /** Open connections the server accepts from one remote address; past it, 503 and closed. */
    public static final String MAX_CONNECTIONS_PER_ADDRESS = "ondine.maxConnectionsPerAddress";
    /** Ping and pong frames a peer may send per second; more ends the connection with 1008. */
    public static final String MAX_CONTROL_FRAMES_PER_SECOND = "ondine.maxControlFramesPerSecond";

    // Keepalive and slow consumers (also read per endpoint from the configuration's user properties).
    /**
     * Keepalive: after this many milliseconds in which nothing was read from the peer, a ping
     * is sent (RFC 6455 §5.5.2); 0 (the default) sends none. Anything read from the peer, a
     * pong or any other frame, counts as a sign of life.
     */
    public static final String PING_INTERVAL = "ondine.pingIntervalMillis";
    /**
     * Keepalive: time the peer has, after a keepalive ping, to send anything (its pong); past
     * it the TCP connection is ended without a closing handshake (the peer is presumed gone)
     * and the endpoint is told 1006. Used only when {@link #PING_INTERVAL} is set.
     */
    public static final String PONG_TIMEOUT = "ondine.pongTimeoutMillis";
    /**
     * Time a blocking send ({@code RemoteEndpoint.Basic}, its stream and writer, pings and
     * pongs) may wait for its frame to be written; past it the send fails with a
     * {@code SocketTimeoutException} and the connection is ended (1006: a frame half
     * written cannot be taken back). 0 waits for ever.
     */
    public static final String BLOCKING_SEND_TIMEOUT = "ondine.blockingSendTimeoutMillis";
    /**
     * Slow consumers: a peer that leaves the outgoing queue over {@link #MAX_OUTGOING_QUEUE}
     * for this many milliseconds is closed with 1008 (policy violation) rather than having
     * its reading paused for ever; 0 (the default) never closes it.
     */
    public static final String SLOW_CONSUMER_CLOSE = "ondine.slowConsumerCloseMillis";

    public static final long DEFAULT_MAX_FRAME_PAYLOAD = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_TEXT_MESSAGE = 1024 * 1024;
    public static final int DEFAULT_MAX_BINARY_MESSAGE = 1024 * 1024;
    public static final int DEFAULT_MAX_HANDSHAKE_HEADER = 16 * 1024;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
    public static final long DEFAULT_IDLE_TIMEOUT = 300_000;
    public static final long DEFAULT_CLOSE_TIMEOUT = 5_000;
    public static final long DEFAULT_MAX_OUTGOING_QUEUE = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_INCOMING_BACKLOG = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 10_000;
    public static final int DEFAULT_MAX_CONTROL_FRAMES_PER_SECOND = 256;
    public static final long DEFAULT_MAX_DECOMPRESSED_MESSAGE = 64L * 1024 * 1024;
    public static final boolean DEFAULT_PERMESSAGE_DEFLATE = true;
    public static final boolean DEFAULT_CONNECTION_PROPERTIES = false;
    /** A second: a busy connection keeps its zlib state, an idle one gives it back (docs/benchmarks.md). */
    public static final long DEFAULT_DEFLATE_RELEASE = 1_000;
    /** No keepalive pings. */
    public static final long DEFAULT_PING_INTERVAL = 0;
    public static final long DEFAULT_PONG_TIMEOUT = 10_000;
    /** As Tomcat's ({@code org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT}). */
    public static final long DEFAULT_BLOCKING_SEND_TIMEOUT = 20_000;
    /** Slow consumers are not closed, only paused. */
    public static final long DEFAULT_SLOW_CONSUMER_CLOSE = 0;

    private static final Limits DEFAULTS = new Builder().build();

    private final long maxFramePayloadBytes;
    private final int maxTextMessageBytes;
    private final int maxBinaryMessageBytes;
    private final int maxHandshakeHeaderBytes;
    private final long handshakeTimeoutMillis;
    private final long idleTimeoutMillis;
    private final long closeTimeoutMillis;
    private final long maxOutgoingQueueBytes;
    private final long maxIncomingBacklogBytes;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int maxControlFramesPerSecond;
    private final long maxDecompressedMessageBytes;
    private final boolean permessageDeflate;
    private final boolean connectionProperties;
    private final long deflateReleaseMillis;
    private final long pingIntervalMillis;
    private final long pongTimeoutMillis;
    private final long blockingSendTimeoutMillis;
    private final long slowConsumerCloseMillis;

    private Limits(Builder b) {
        this.maxFramePayloadBytes = positive(MAX_FRAME_PAYLOAD, b.maxFramePayloadBytes);
        this.maxTextMessageBytes = (int) positive(MAX_TEXT_MESSAGE, b.maxTextMessageBytes);
        this.maxBinaryMessageBytes = (int) positive(MAX_BINARY_MESSAGE, b.maxBinaryMessageBytes);
        this.maxHandshakeHeaderBytes = (int) positive(MAX_HANDSHAKE_HEADER, b.maxHandshakeHeaderBytes);
        this.handshakeTimeoutMillis = positive(HANDSHAKE_TIMEOUT, b.handshakeTimeoutMillis);
        this.idleTimeoutMillis = notNegative(IDLE_TIMEOUT, b.idleTimeoutMillis);
        this.closeTimeoutMillis = positive(CLOSE_TIMEOUT, b.closeTimeoutMillis);
        this.maxOutgoingQueueBytes = positive(MAX_OUTGOING_QUEUE, b.maxOutgoingQueueBytes);
        this.maxIncomingBacklogBytes = positive(MAX_INCOMING_BACKLOG, b.maxIncomingBacklogBytes);
        this.maxConnections = (int) positive(MAX_CONNECTIONS, b.maxConnections);
        this.maxConnectionsPerAddress = (int) positive(MAX_CONNECTIONS_PER_ADDRESS, b.maxConnectionsPerAddress);
        this.maxControlFramesPerSecond = (int) positive(MAX_CONTROL_FRAMES_PER_SECOND, b.maxControlFramesPerSecond);
        this.maxDecompressedMessageBytes = positive(MAX_DECOMPRESSED_MESSAGE, b.maxDecompressedMessageBytes);
        this.permessageDeflate = b.permessageDeflate;
        this.connectionProperties = b.connectionProperties;
        this.deflateReleaseMillis = b.deflateReleaseMillis;
        this.pingIntervalMillis = notNegative(PING_INTERVAL, b.pingIntervalMillis);
        this.pongTimeoutMillis = positive(PONG_TIMEOUT, b.pongTimeoutMillis);
        this.blockingSendTimeoutMillis = notNegative(BLOCKING_SEND_TIMEOUT, b.blockingSendTimeoutMillis);
        this.slowConsumerCloseMillis = notNegative(SLOW_CONSUMER_CLOSE, b.slowConsumerCloseMillis);
    }

    /** The defaults. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Limits read from system properties, each falling back to its default. */
    public static Limits fromSystemProperties() {
        return fromProperties(System::getProperty);
    }

    /** Limits read from a map of configuration keys to values. */
    public static Limits fromMap(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        return fromProperties(config::get);
    }

    /**
     * Limits read with {@code lookup} (key to value, or null where unset). A value that is
     * not a number is an error naming the key.
     */
    public static Limits fromProperties(Function<String, String> lookup) {
        Builder b = new Builder();
        b.maxFramePayloadBytes = read(lookup, MAX_FRAME_PAYLOAD, b.maxFramePayloadBytes);
        b.maxTextMessageBytes = readInt(lookup, MAX_TEXT_MESSAGE, b.maxTextMessageBytes);
        b.maxBinaryMessageBytes = readInt(lookup, MAX_BINARY_MESSAGE, b.maxBinaryMessageBytes);
        b.maxHandshakeHeaderBytes = readInt(lookup, MAX_HANDSHAKE_HEADER, b.maxHandshakeHeaderBytes);
        b.handshakeTimeoutMillis = read(lookup, HANDSHAKE_TIMEOUT, b.handshakeTimeoutMillis);
        b.idleTimeoutMillis = read(lookup, IDLE_TIMEOUT, b.idleTimeoutMillis);
        b.closeTimeoutMillis = read(lookup, CLOSE_TIMEOUT, b.closeTimeoutMillis);
        b.maxOutgoingQueueBytes = read(lookup, MAX_OUTGOING_QUEUE, b.maxOutgoingQueueBytes);
        b.maxIncomingBacklogBytes = read(lookup, MAX_INCOMING_BACKLOG, b.maxIncomingBacklogBytes);
        b.maxConnections = readInt(lookup, MAX_CONNECTIONS, b.maxConnections);
        b.maxConnectionsPerAddress = readInt(lookup, MAX_CONNECTIONS_PER_ADDRESS, b.maxConnectionsPerAddress);
        b.maxControlFramesPerSecond = readInt(lookup, MAX_CONTROL_FRAMES_PER_SECOND, b.maxControlFramesPerSecond);
        b.maxDecompressedMessageBytes = read(lookup, MAX_DECOMPRESSED_MESSAGE, b.maxDecompressedMessageBytes);
        b.permessageDeflate = readBoolean(lookup, PERMESSAGE_DEFLATE, b.permessageDeflate);
        b.connectionProperties = readBoolean(lookup, CONNECTION_PROPERTIES, b.connectionProperties);
        b.deflateReleaseMillis = read(lookup, DEFLATE_RELEASE, b.deflateReleaseMillis);
        b.pingIntervalMillis = read(lookup, PING_INTERVAL, b.pingIntervalMillis);
        b.pongTimeoutMillis = read(lookup, PONG_TIMEOUT, b.pongTimeoutMillis);
        b.blockingSendTimeoutMillis = read(lookup, BLOCKING_SEND_TIMEOUT, b.blockingSendTimeoutMillis);
        b.slowConsumerCloseMillis = read(lookup, SLOW_CONSUMER_CLOSE, b.slowConsumerCloseMillis);
        return b.build();
    }

    public long maxFramePayloadBytes() {
        return maxFramePayloadBytes;
    }

    public int maxTextMessageBytes() {
        return maxTextMessageBytes;
    }

    public int maxBinaryMessageBytes() {
        return maxBinaryMessageBytes;
    }

    public int maxHandshakeHeaderBytes() {
        return maxHandshakeHeaderBytes;
    }

    public long handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public long closeTimeoutMillis() {
        return closeTimeoutMillis;
    }

    public long maxOutgoingQueueBytes() {
        return maxOutgoingQueueBytes;
    }

    public long maxIncomingBacklogBytes() {
        return maxIncomingBacklogBytes;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public int maxControlFramesPerSecond() {
        return maxControlFramesPerSecond;
    }

    public long maxDecompressedMessageBytes() {
        return maxDecompressedMessageBytes;
    }

    /** Whether permessage-deflate is offered (client) and accepted (server). */
    public boolean permessageDeflate() {
        return permessageDeflate;
    }

    /** Whether a server's handshakes put the connection into the user properties ({@link #CONNECTION_PROPERTIES}). */
    public boolean connectionProperties() {
        return connectionProperties;
    }

    /** See {@link #DEFLATE_RELEASE}: 0 after every message, negative never. */
    public long deflateReleaseMillis() {
        return deflateReleaseMillis;
    }

    /** Milliseconds without anything read after which a keepalive ping is sent; 0 for none. */
    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /** Milliseconds the peer has to answer a keepalive ping before its connection is ended. */
    public long pongTimeoutMillis() {
        return pongTimeoutMillis;
    }

    /** Milliseconds a blocking send may wait for its frame to be written; 0 for ever. */
    public long blockingSendTimeoutMillis() {
        return blockingSendTimeoutMillis;
    }

    /** Milliseconds a peer may leave the outgoing queue full before it is closed with 1008; 0 for ever. */
    public long slowConsumerCloseMillis() {
        return slowConsumerCloseMillis;
    }

    /**
     * These limits with the keepalive and slow-consumer settings ({@link #PING_INTERVAL},
     * {@link #PONG_TIMEOUT}, {@link #BLOCKING_SEND_TIMEOUT}, {@link #SLOW_CONSUMER_CLOSE})
     * replaced by those {@code lookup} finds (key to value, or null where unset): how one
     * endpoint's configuration overrides the container's. The other limits stay as they are.
     */
    public Limits withEndpointSettings(Function<String, String> lookup) {
        Builder b = toBuilder();
        b.pingIntervalMillis = read(lookup, PING_INTERVAL, b.pingIntervalMillis);
        b.pongTimeoutMillis = read(lookup, PONG_TIMEOUT, b.pongTimeoutMillis);
        b.blockingSendTimeoutMillis = read(lookup, BLOCKING_SEND_TIMEOUT, b.blockingSendTimeoutMillis);
        b.slowConsumerCloseMillis = read(lookup, SLOW_CONSUMER_CLOSE, b.slowConsumerCloseMillis);
        if (b.pingIntervalMillis == pingIntervalMillis && b.pongTimeoutMillis == pongTimeoutMillis
                && b.blockingSendTimeoutMillis == blockingSendTimeoutMillis
                && b.slowConsumerCloseMillis == slowConsumerCloseMillis) {
            return this;
        }
        return b.build();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFramePayloadBytes = maxFramePayloadBytes;
        b.maxTextMessageBytes = maxTextMessageBytes;
        b.maxBinaryMessageBytes = maxBinaryMessageBytes;
        b.maxHandshakeHeaderBytes = maxHandshakeHeaderBytes;
        b.handshakeTimeoutMillis = handshakeTimeoutMillis;
        b.idleTimeoutMillis = idleTimeoutMillis;
        b.closeTimeoutMillis = closeTimeoutMillis;
        b.maxOutgoingQueueBytes = maxOutgoingQueueBytes;
        b.maxIncomingBacklogBytes = maxIncomingBacklogBytes;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxControlFramesPerSecond = maxControlFramesPerSecond;
        b.maxDecompressedMessageBytes = maxDecompressedMessageBytes;
        b.permessageDeflate = permessageDeflate;
        b.connectionProperties = connectionProperties;
        b.deflateReleaseMillis = deflateReleaseMillis;
        b.pingIntervalMillis = pingIntervalMillis;
        b.pongTimeoutMillis = pongTimeoutMillis;
        b.blockingSendTimeoutMillis = blockingSendTimeoutMillis;
        b.slowConsumerCloseMillis = slowConsumerCloseMillis;
        return b;
    }

    @Override
    public String toString() {
        return "Limits{" + MAX_FRAME_PAYLOAD + '=' + maxFramePayloadBytes
                + ", " + MAX_TEXT_MESSAGE + '=' + maxTextMessageBytes
                + ", " + MAX_BINARY_MESSAGE + '=' + maxBinaryMessageBytes
                + ", " + MAX_HANDSHAKE_HEADER + '=' + maxHandshakeHeaderBytes
                + ", " + HANDSHAKE_TIMEOUT + '=' + handshakeTimeoutMillis
                + ", " + IDLE_TIMEOUT + '=' + idleTimeoutMillis
                + ", " + CLOSE_TIMEOUT + '=' + closeTimeoutMillis
                + ", " + MAX_OUTGOING_QUEUE + '=' + maxOutgoingQueueBytes
                + ", " + MAX_INCOMING_BACKLOG + '=' + maxIncomingBacklogBytes
                + ", " + MAX_CONNECTIONS + '=' + maxConnections
                + ", " + MAX_CONNECTIONS_PER_ADDRESS + '=' + maxConnectionsPerAddress
                + ", " + MAX_CONTROL_FRAMES_PER_SECOND + '=' + maxControlFramesPerSecond
                + ", " + MAX_DECOMPRESSED_MESSAGE + '=' + maxDecompressedMessageBytes
                + ", " + PERMESSAGE_DEFLATE + '=' + permessageDeflate
                + ", " + CONNECTION_PROPERTIES + '=' + connectionProperties
                + ", " + DEFLATE_RELEASE + '=' + deflateReleaseMillis
                + ", " + PING_INTERVAL + '=' + pingIntervalMillis
                + ", " + PONG_TIMEOUT + '=' + pongTimeoutMillis
                + ", " + BLOCKING_SEND_TIMEOUT + '=' + blockingSendTimeoutMillis
                + ", " + SLOW_CONSUMER_CLOSE + '=' + slowConsumerCloseMillis + '}';
    }

    private static long read(Function<String, String> lookup, String key, long fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static boolean readBoolean(Function<String, String> lookup, String key, boolean fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        };
    }

    private static int readInt(Function<String, String> lookup, String key, int fallback) {
        long v = read(lookup, key, fallback);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", not " + v);
        }
        return (int) v;
    }

    private static long positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
        return value;
    }

    private static long notNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative, not " + value);
        }
        return value;
    }

    /** Builds {@link Limits}; every setter names the limit it sets. */
    public static final class Builder {
        private long maxFramePayloadBytes = DEFAULT_MAX_FRAME_PAYLOAD;
        private int maxTextMessageBytes = DEFAULT_MAX_TEXT_MESSAGE;
        private int maxBinaryMessageBytes = DEFAULT_MAX_BINARY_MESSAGE;
        private int maxHandshakeHeaderBytes = DEFAULT_MAX_HANDSHAKE_HEADER;
        private long handshakeTimeoutMillis = DEFAULT_HANDSHAKE_TIMEOUT;
        private long idleTimeoutMillis = DEFAULT_IDLE_TIMEOUT;
        private long closeTimeoutMillis = DEFAULT_CLOSE_TIMEOUT;
        private long maxOutgoingQueueBytes = DEFAULT_MAX_OUTGOING_QUEUE;
        private long maxIncomingBacklogBytes = DEFAULT_MAX_INCOMING_BACKLOG;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int maxControlFramesPerSecond = DEFAULT_MAX_CONTROL_FRAMES_PER_SECOND;
        private long maxDecompressedMessageBytes = DEFAULT_MAX_DECOMPRESSED_MESSAGE;
        private boolean permessageDeflate = DEFAULT_PERMESSAGE_DEFLATE;
        private boolean connectionProperties = DEFAULT_CONNECTION_PROPERTIES;
        private long deflateReleaseMillis = DEFAULT_DEFLATE_RELEASE;
        private long pingIntervalMillis = DEFAULT_PING_INTERVAL;
        private long pongTimeoutMillis = DEFAULT_PONG_TIMEOUT;
        private long blockingSendTimeoutMillis = DEFAULT_BLOCKING_SEND_TIMEOUT;
        private long slowConsumerCloseMillis = DEFAULT_SLOW_CONSUMER_CLOSE;

        private Builder() {
        }

        public Builder maxFramePayloadBytes(long bytes) {
            this.maxFramePayloadBytes = bytes;
            return this;
        }

        public Builder maxTextMessageBytes(int bytes) {
            this.maxTextMessageBytes = bytes;
            return this;
        }

        public Builder maxBinaryMessageBytes(int bytes) {
            this.maxBinaryMessageBytes = bytes;
            return this;
        }

        /** Sets both message limits. */
        public Builder maxMessageBytes(int bytes) {
            this.maxTextMessageBytes = bytes;
            this.maxBinaryMessageBytes = bytes;
            return this;
        }

        public Builder maxHandshakeHeaderBytes(int bytes) {
            this.maxHandshakeHeaderBytes = bytes;
            return this;
        }

        public Builder handshakeTimeoutMillis(long millis) {
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        /** 0 means no idle timeout. */
        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        public Builder closeTimeoutMillis(long millis) {
            this.closeTimeoutMillis = millis;
            return this;
        }

        public Builder maxOutgoingQueueBytes(long bytes) {
            this.maxOutgoingQueueBytes = bytes;
            return this;
        }

        public Builder maxIncomingBacklogBytes(long bytes) {
            this.maxIncomingBacklogBytes = bytes;
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        public Builder maxConnectionsPerAddress(int connections) {
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        public Builder maxControlFramesPerSecond(int frames) {
            this.maxControlFramesPerSecond = frames;
            return this;
        }

        public Builder maxDecompressedMessageBytes(long bytes) {
            this.maxDecompressedMessageBytes = bytes;
            return this;
        }

        /** Turns permessage-deflate (RFC 7692) on or off. */
        public Builder permessageDeflate(boolean on) {
            this.permessageDeflate = on;
            return this;
        }

        /** Puts the connection into the user properties of server handshakes ({@link #CONNECTION_PROPERTIES}). */
        public Builder connectionProperties(boolean on) {
            this.connectionProperties = on;
            return this;
        }

        /** See {@link Limits#DEFLATE_RELEASE}: 0 releases after every message, negative never. */
        public Builder deflateReleaseMillis(long millis) {
            this.deflateReleaseMillis = millis;
            return this;
        }

        /** Keepalive pings after this much time with nothing read from the peer; 0 for none. */
        public Builder pingIntervalMillis(long millis) {
            this.pingIntervalMillis = millis;
            return this;
        }

        /** Time the peer has to answer a keepalive ping before its connection is ended (1006). */
        public Builder pongTimeoutMillis(long millis) {
            this.pongTimeoutMillis = millis;
            return this;
        }

        /** Time a blocking send may wait for its frame to be written; 0 for ever. */
        public Builder blockingSendTimeoutMillis(long millis) {
            this.blockingSendTimeoutMillis = millis;
            return this;
        }

        /** Time a peer may leave the outgoing queue full before it is closed with 1008; 0 for ever. */
        public Builder slowConsumerCloseMillis(long millis) {
            this.slowConsumerCloseMillis = millis;
            return this;
        }

        public Limits build() {
            return new Limits(this);
        }
    }
}
