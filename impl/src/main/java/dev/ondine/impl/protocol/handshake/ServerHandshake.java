package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The server's side of the opening handshake (RFC 6455 §4.2). */
public final class ServerHandshake {

    /** The only protocol version this engine speaks (§4.2.1 item 6, §11.3.5). */
    public static final String VERSION = "13";

    /** Fields that {@link #accept} writes itself and may not be given as extra headers. */
    private static final Set<String> ACCEPT_FIELDS = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions", "content-length", "transfer-encoding");
    /** Fields that {@link #reject} writes itself. */
    private static final Set<String> REJECT_FIELDS = Set.of("content-length", "content-type",
            "connection", "transfer-encoding");

    private static final int MAX_BODY_CHARS = 200;

    private ServerHandshake() {
    }

    /**
     * Checks a request against §4.2.1 and extracts what the server needs to answer it.
     * Failures, in the order checked:
     * <ul>
     * <li>method not GET (§4.2.1 item 1): 405 with {@code Allow: GET}, the answer RFC 7231
     *     §6.5.5 defines for a method the target resource does not support;</li>
     * <li>HTTP version below 1.1 (§4.2.1 item 1): 400;</li>
     * <li>request target not a path (origin-form or absolute-form, no fragment; §3, §4.1
     *     item 3): 400;</li>
     * <li>{@code Host} missing, repeated or empty (§4.2.1 item 2, RFC 7230 §5.4): 400;</li>
     * <li>{@code Upgrade} without the token {@code websocket} (§4.2.1 item 3): 400;</li>
     * <li>{@code Connection} without the token {@code Upgrade} (§4.2.1 item 4): 400;</li>
     * <li>{@code Sec-WebSocket-Version} not exactly one field with value 13 (§4.2.1 item 6),
     *     missing included: 426 with {@code Sec-WebSocket-Version: 13} (§4.4). A missing
     *     version is most likely an older draft client, which 426 tells what to speak;</li>
     * <li>{@code Sec-WebSocket-Key} not exactly one field whose value is the base64 form of
     *     16 bytes (§4.2.1 item 5): 400;</li>
     * <li>{@code Origin} repeated (RFC 6454 §7: one origin): 400;</li>
     * <li>malformed {@code Sec-WebSocket-Protocol} or {@code Sec-WebSocket-Extensions}
     *     (§4.2.1 items 8-9, §9.1): 400.</li>
     * </ul>
     */
    public static WebSocketUpgradeRequest validate(HttpRequestHead head) throws HandshakeException {
        HttpHeaders h = head.headers();
        if (!"GET".equals(head.method())) {
            throw new HandshakeException(405, "WebSocket handshake requires GET",
                    new HttpHeaders().add("Allow", "GET"));
        }
        if (head.versionMajor() < 1 || (head.versionMajor() == 1 && head.versionMinor() < 1)) {
            throw new HandshakeException(400, "WebSocket handshake requires HTTP/1.1 or higher");
        }
        String target = head.target();
        if (target.indexOf('#') >= 0) {
            throw new HandshakeException(400, "request target has a fragment");
        }
        String pathAndQuery = pathAndQuery(target);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);

        if (h.count("Host") != 1 || h.first("Host").isEmpty() || hasWhitespace(h.first("Host"))) {
            throw new HandshakeException(400, "exactly one valid Host header is required");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            throw new HandshakeException(400, "Upgrade header must include websocket");
        }
        if (!h.containsToken("Connection", "Upgrade")) {
            throw new HandshakeException(400, "Connection header must include Upgrade");
        }
        if (h.count("Sec-WebSocket-Version") != 1 || !VERSION.equals(h.first("Sec-WebSocket-Version"))) {
            throw new HandshakeException(426, "only WebSocket version 13 is supported",
                    new HttpHeaders().add("Sec-WebSocket-Version", VERSION));
        }
        if (h.count("Sec-WebSocket-Key") != 1 || !isKey(h.first("Sec-WebSocket-Key"))) {
            throw new HandshakeException(400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (h.count("Origin") > 1) {
            throw new HandshakeException(400, "more than one Origin header");
        }
        List<String> subprotocols = SubprotocolList.parse(h.all("Sec-WebSocket-Protocol"));
        List<ExtensionOffer> extensions = ExtensionHeaderParser.parse(h.all("Sec-WebSocket-Extensions"));
        return new WebSocketUpgradeRequest(path, query, h.first("Host"), h.first("Origin"),
                h.first("Sec-WebSocket-Key"), subprotocols, extensions, h);
    }

    /**
     * The 101 response that completes the handshake (§4.2.2 item 5).
     *
     * @param key the client's {@code Sec-WebSocket-Key}
     * @param subprotocolOrNull the chosen subprotocol (one the client offered), or null
     * @param extensionsHeaderOrNull the accepted extensions as a header value, or null
     * @param extraHeaders more fields (cookies, for example), or null
     * @return the response bytes, ready to read
     * @throws IllegalArgumentException for a subprotocol that is not a token, a value with
     *         a control character, or an extra header this method writes itself
     */
    public static ByteBuffer accept(String key, String subprotocolOrNull, String extensionsHeaderOrNull,
                                    HttpHeaders extraHeaders) {
        HttpHeaders out = new HttpHeaders()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", AcceptKey.of(key));
        if (subprotocolOrNull != null) {
            if (!HttpTokens.isToken(subprotocolOrNull)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + subprotocolOrNull);
            }
            out.add("Sec-WebSocket-Protocol", subprotocolOrNull); // §4.2.2 item 5.4 (/subprotocol/)
        }
        if (extensionsHeaderOrNull != null && !extensionsHeaderOrNull.isEmpty()) {
            out.add("Sec-WebSocket-Extensions", extensionsHeaderOrNull); // §4.2.2 item 5.5 (/extensions/)
        }
        if (extraHeaders != null) {
            for (HttpHeaders.Field f : extraHeaders) {
                if (ACCEPT_FIELDS.contains(f.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header is written by the handshake: " + f.name());
                }
                out.add(f.name(), f.value());
            }
        }
        return HttpHeadWriter.write("HTTP/1.1 101 " + HttpHeadWriter.reasonPhrase(101), out, new byte[0]);
    }

    /**
     * The error response for a failed handshake (§4.2.1 last paragraph, §4.4): status line
     * with reason phrase, the exception's fields, {@code Content-Type: text/plain},
     * {@code Content-Length}, {@code Connection: close} and a one-line body made of the
     * exception's message in printable ASCII (never a stack trace).
     *
     * @throws IllegalArgumentException if the exception carries no status
     */
    public static ByteBuffer reject(HandshakeException e) {
        if (!e.hasStatus()) {
            throw new IllegalArgumentException("a handshake failure without an HTTP status has no response");
        }
        String reason = HttpHeadWriter.reasonPhrase(e.status());
        byte[] body = (oneLine(e.getMessage(), reason) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpHeaders out = new HttpHeaders();
        for (HttpHeaders.Field f : e.headers()) {
            if (!REJECT_FIELDS.contains(f.name().toLowerCase(Locale.ROOT))) {
                out.add(f.name(), f.value());
            }
        }
        out.add("Content-Type", "text/plain; charset=US-ASCII")
                .add("Content-Length", Integer.toString(body.length))
                .add("Connection", "close");
        return HttpHeadWriter.write("HTTP/1.1 " + e.status() + " " + reason, out, body);
    }

    /** The path and query of an origin-form or absolute-form target (RFC 7230 §5.3.1-§5.3.2). */
    private static String pathAndQuery(String target) throws HandshakeException {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && isScheme(target.substring(0, scheme))) {
            int authorityStart = scheme + 3;
            int end = authorityStart;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
                end++;
            }
            if (end == authorityStart) {
                throw new HandshakeException(400, "request target has no authority");
            }
            String rest = target.substring(end);
            return rest.startsWith("/") ? rest : "/" + rest;
        }
        throw new HandshakeException(400, "request target is not a path");
    }

    private static boolean isScheme(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") || lower.equals("ws") || lower.equals("wss");
    }

    /** §4.1 item 7 / §4.2.1 item 5: base64 of a 16-byte nonce, in its canonical 24-char form. */
    private static boolean isKey(String value) {
        if (value.length() != 24) {
            return false;
        }
        try {
            byte[] nonce = Base64.getDecoder().decode(value);
            return nonce.length == 16 && Base64.getEncoder().encodeToString(nonce).equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (HttpTokens.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message, String fallback) {
        String text = message == null || message.isBlank() ? fallback : message;
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_BODY_CHARS));
        for (int i = 0; i < text.length() && sb.length() < MAX_BODY_CHARS; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
