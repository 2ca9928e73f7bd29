package dev.ondine.impl.protocol.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The request that asks a proxy for a tunnel (RFC 9110 §9.3.6): {@code CONNECT} with the
 * target's host and port as its authority-form request-target (RFC 9112 §3.2.3), the same
 * authority in {@code Host} (RFC 9112 §3.2), and {@code Proxy-Authorization} when
 * credentials are given (RFC 9110 §11.7.2).
 */
public final class ConnectRequest {

    private ConnectRequest() {
    }

    /**
     * The request's bytes.
     *
     * @param host the target's host as in a URI: a name, an IPv4 address, or an IPv6 address
     *        in brackets
     * @param port the target's port (the scheme's default when the URI has none, RFC 9112 §3.2.3)
     * @param credentials sent as {@code Proxy-Authorization: Basic ...}, or null
     * @return a buffer ready to read
     * @throws IllegalArgumentException if {@code host} is not a URI host or the port is out of range
     */
    public static ByteBuffer bytes(String host, int port, BasicCredentials credentials) {
        if (!isUriHost(host)) {
            throw new IllegalArgumentException("not a host for CONNECT: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        String authority = host + ":" + port;
        StringBuilder head = new StringBuilder(128);
        head.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(authority).append("\r\n");
        if (credentials != null) {
            head.append("Proxy-Authorization: ").append(credentials.authorization()).append("\r\n");
        }
        head.append("\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.wrap(bytes);
    }

    /**
     * A reg-name, an IPv4 address or a bracketed IP literal (RFC 3986 §3.2.2): nothing that
     * could end the request line or a field.
     */
    private static boolean isUriHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        boolean literal = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        String inner = literal ? host.substring(1, host.length() - 1) : host;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (literal ? c == ':' || c == '.' || c == '%' : "-._~%!$&'()*+,;=".indexOf(c) >= 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
