package dev.ondine.impl.protocol.handshake;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): builds the upgrade request
 * for a ws/wss URI and checks the server's response. One instance per connection attempt.
 */
public final class ClientHandshake {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fields that {@link #request()} writes itself and may not be given as extra headers. */
    private static final Set<String> REQUEST_FIELDS = Set.of("host", "upgrade", "connection",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol",
            "sec-websocket-extensions", "content-length", "transfer-encoding");

    private final boolean secure;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String requestTarget;
    private final List<String> subprotocols;
    private final List<ExtensionOffer> extensions;
    private final HttpHeaders extraHeaders;
    private final byte[] nonce;
    private final String key;

    /**
     * A handshake with a fresh random key (§4.1 item 7: 16 random bytes, base64).
     *
     * @param uri a ws or wss URI without fragment (§3)
     * @param subprotocols offered subprotocols in order of preference (tokens), may be empty
     * @param extensions offered extensions in order, may be empty
     * @param extraHeaders more request fields (for example {@code Origin}), or null
     * @throws IllegalArgumentException for another scheme, a fragment, no host, a
     *         subprotocol that is not a token, or an extra header this class writes itself
     */
    public ClientHandshake(URI uri, List<String> subprotocols, List<ExtensionOffer> extensions,
                           HttpHeaders extraHeaders) {
        this(uri, subprotocols, extensions, extraHeaders, randomNonce());
    }

    /** As the other constructor, with a given 16-byte nonce instead of a random one (tests). */
    public ClientHandshake(URI uri, List<String> subprotocols, List<ExtensionOffer> extensions,
                           HttpHeaders extraHeaders, byte[] nonce) {
        Objects.requireNonNull(uri, "uri");
        if (nonce.length != 16) {
            throw new IllegalArgumentException("the nonce must be 16 bytes (RFC 6455 §4.1)");
        }
        // §3: ws-URI = "ws:" "//" host [ ":" port ] path [ "?" query ], wss likewise.
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("not a ws or wss URI: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no fragment (RFC 6455 §3): " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        this.secure = scheme.equals("wss");
        this.host = uri.getHost();
        int defaultPort = secure ? 443 : 80;
        this.port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        // §4.1 item 4: the Host field carries the port only when it is not the default.
        this.hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.requestTarget = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.subprotocols = List.copyOf(subprotocols);
        SubprotocolList.format(this.subprotocols); // checks that each is a token
        this.extensions = List.copyOf(extensions);
        this.extraHeaders = new HttpHeaders();
        if (extraHeaders != null) {
            for (HttpHeaders.Field f : extraHeaders) {
                if (REQUEST_FIELDS.contains(f.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header is written by the handshake: " + f.name());
                }
                this.extraHeaders.add(f.name(), f.value());
            }
        }
        this.nonce = nonce.clone();
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /** The same handshake (same URI and key) with other subprotocols and extra headers. */
    public ClientHandshake with(URI uri, List<String> subprotocols, HttpHeaders extraHeaders) {
        return new ClientHandshake(uri, subprotocols, extensions, extraHeaders, nonce);
    }

    private static byte[] randomNonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    public boolean secure() {
        return secure;
    }

    /** The host to connect to, as in the URI (an IPv6 literal keeps its brackets). */
    public String host() {
        return host;
    }

    /** The port to connect to: the URI's, or 80 (ws) / 443 (wss) (§3). */
    public int port() {
        return port;
    }

    /** The {@code Sec-WebSocket-Key} value sent. */
    public String key() {
        return key;
    }

    /** The request target: the URI's path (or "/") and query (§4.1 item 3). */
    public String requestTarget() {
        return requestTarget;
    }

    /** The upgrade request (§4.1 items 1-12), ready to read. */
    public ByteBuffer request() {
        HttpHeaders h = handshakeFields();
        h.addAll(extraHeaders);
        return HttpHeadWriter.write("GET " + requestTarget + " HTTP/1.1", h, new byte[0]);
    }

    /** The request's header fields: the handshake's own, then the extra ones, in the order sent. */
    public HttpHeaders requestFields() {
        HttpHeaders h = handshakeFields();
        h.addAll(extraHeaders);
        return h;
    }

    private HttpHeaders handshakeFields() {
        HttpHeaders h = new HttpHeaders()
                .add("Host", hostHeader)
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", key)
                .add("Sec-WebSocket-Version", ServerHandshake.VERSION);
        if (!subprotocols.isEmpty()) {
            h.add("Sec-WebSocket-Protocol", SubprotocolList.format(subprotocols));
        }
        if (!extensions.isEmpty()) {
            h.add("Sec-WebSocket-Extensions", ExtensionOffer.format(extensions));
        }
        return h;
    }

    /**
     * Checks the server's response (§4.1, "the client MUST validate the server's response"):
     * status 101 (item 1), {@code Upgrade: websocket} (item 2), {@code Connection: Upgrade}
     * (item 3), {@code Sec-WebSocket-Accept} equal to the expected value (item 4), every
     * extension one that was offered, each at most once (item 5), and at most one
     * subprotocol, one that was offered (item 6).
     *
     * @throws HandshakeException carrying the received status, when any check fails
     */
    public HandshakeResult validate(HttpResponseHead resp) throws HandshakeException {
        int status = resp.status();
        HttpHeaders h = resp.headers();
        if (status != 101) {
            // The response's fields go with it: a client deciding when to try again reads Retry-After.
            throw new HandshakeException(status, "server answered " + status + " instead of 101", h);
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            throw new HandshakeException(status, "response lacks Upgrade: websocket");
        }
        if (!h.containsToken("Connection", "Upgrade")) {
            throw new HandshakeException(status, "response lacks Connection: Upgrade");
        }
        if (h.count("Sec-WebSocket-Accept") != 1 || !AcceptKey.of(key).equals(h.first("Sec-WebSocket-Accept"))) {
            throw new HandshakeException(status, "Sec-WebSocket-Accept does not match the key");
        }
        List<ExtensionOffer> accepted;
        try {
            accepted = ExtensionHeaderParser.parse(h.all("Sec-WebSocket-Extensions"));
        } catch (HandshakeException e) {
            throw new HandshakeException(status, e.getMessage());
        }
        List<String> seen = new ArrayList<>();
        for (ExtensionOffer e : accepted) {
            String name = e.name().toLowerCase(Locale.ROOT);
            if (!wasOffered(e.name())) {
                throw new HandshakeException(status, "server accepted an extension not offered: " + e.name());
            }
            if (seen.contains(name)) {
                throw new HandshakeException(status, "server accepted an extension twice: " + e.name());
            }
            seen.add(name);
        }
        String subprotocol = null;
        List<String> protocols = h.all("Sec-WebSocket-Protocol");
        if (!protocols.isEmpty()) {
            if (protocols.size() != 1 || !subprotocols.contains(protocols.get(0))) {
                throw new HandshakeException(status, "server chose a subprotocol not offered");
            }
            subprotocol = protocols.get(0);
        }
        return new HandshakeResult(subprotocol, accepted, resp);
    }

    private boolean wasOffered(String name) {
        for (ExtensionOffer offer : extensions) {
            if (offer.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
