package dev.ondine.impl.transport.servlet;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.protocol.handshake.AcceptKey;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.ServerHandshake;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.PeerConnection;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The opening handshake (RFC 6455 §4.2) on a servlet request: the request's head checked
 * with {@link ServerHandshake#validate}, and, once the server container has accepted it,
 * the 101 response written through the servlet API followed by
 * {@code HttpServletRequest.upgrade}. The servlet transport's door: the servlet bootstrap
 * ({@code dev.ondine.impl.servlet}) decides on the upgrade and calls these.
 */
public final class ServletHandshake {
    /** Servlet 6 §3.9 (SSL attributes): the client's certificate chain, an {@code X509Certificate[]}. */
    static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    /** Servlet 6 §3.9: the cipher suite, a String. */
    static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";
    /** Servlet 6 §3.9: the TLS protocol version, a String (Tomcat sets it; not every container does). */
    static final String PROTOCOL_ATTRIBUTE = "jakarta.servlet.request.secure_protocol";

    /** Fields the handshake writes itself; a configurator's values for them are ignored. */
    private static final Set<String> OWN_FIELDS = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions");

    private ServletHandshake() {
    }

    /** Whether {@code request} asks for a WebSocket upgrade at all (§4.2.1 items 3-4, loosely). */
    public static boolean isUpgradeRequest(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        Enumeration<String> upgrade = request.getHeaders("Upgrade");
        while (upgrade != null && upgrade.hasMoreElements()) {
            for (String token : HttpHeaders.splitList(upgrade.nextElement())) {
                if ("websocket".equalsIgnoreCase(token.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The connection {@code request} came on, as the servlet container tells it: the two
     * ends' addresses ({@code getRemoteAddr}/{@code getRemotePort}, {@code getLocalAddr}/
     * {@code getLocalPort}, no name lookup), {@code isSecure}, and the TLS attributes, among
     * them the client's certificate chain.
     */
    public static PeerConnection connection(HttpServletRequest request) {
        boolean secure = request.isSecure();
        List<X509Certificate> chain = List.of();
        if (request.getAttribute(CERTIFICATES_ATTRIBUTE) instanceof X509Certificate[] certificates) {
            chain = List.of(certificates);
        }
        return new PeerConnection(PeerConnection.address(request.getRemoteAddr(), request.getRemotePort()),
                PeerConnection.address(request.getLocalAddr(), request.getLocalPort()), secure,
                secure ? attribute(request, PROTOCOL_ATTRIBUTE) : null,
                secure ? attribute(request, CIPHER_SUITE_ATTRIBUTE) : null, chain);
    }

    private static String attribute(HttpServletRequest request, String name) {
        return request.getAttribute(name) instanceof String s ? s : null;
    }

    /** The request's head as the handshake parser would have produced it. */
    static HttpRequestHead head(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                headers.add(name, values.nextElement());
            }
        }
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        String protocol = request.getProtocol();
        if (protocol == null || !protocol.matches("HTTP/\\d\\.\\d")) {
            protocol = "HTTP/1.1";
        }
        return new HttpRequestHead(request.getMethod(), target, protocol, headers);
    }

    public static WebSocketUpgradeRequest validate(HttpServletRequest request) throws HandshakeException {
        return ServerHandshake.validate(head(request));
    }

    /** Answers a refused handshake with its status, its headers and a one-line text. */
    public static void reject(HttpServletResponse response, HandshakeException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(e.hasStatus() ? e.status() : 400);
        HttpHeaders headers = e.headers();
        if (headers != null) {
            for (HttpHeaders.Field f : headers) {
                response.addHeader(f.name(), f.value());
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("[^\\x20-\\x7e]", "?");
        byte[] body = (message + "\r\n").getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Completes an accepted handshake: status 101, the RFC's headers and the acceptor's, and
     * the upgrade of the connection to Ondine's handler ({@code connection}: the request's,
     * {@link #connection}).
     */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, WebSocketUpgradeRequest ws,
                               Upgrade upgrade, ServletRuntime runtime, ConnectionInfo connection) throws IOException {
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", AcceptKey.of(ws.key()));
        if (upgrade.subprotocol() != null) {
            response.setHeader("Sec-WebSocket-Protocol", upgrade.subprotocol());
        }
        if (upgrade.extensions() != null && !upgrade.extensions().isEmpty()) {
            response.setHeader("Sec-WebSocket-Extensions", upgrade.extensions());
        }
        if (upgrade.extraHeaders() != null) {
            for (HttpHeaders.Field f : upgrade.extraHeaders()) {
                if (!OWN_FIELDS.contains(f.name().toLowerCase(Locale.ROOT))) {
                    response.addHeader(f.name(), f.value());
                }
            }
        }
        WebSocketUpgradeHandler handler;
        try {
            handler = request.upgrade(WebSocketUpgradeHandler.class);
        } catch (ServletException e) {
            throw new IOException("The servlet container refused the upgrade", e);
        }
        handler.prepare(upgrade, runtime, connection.secure(), connection.remoteAddress(), connection.localAddress());
    }
}
