package dev.ondine.impl.protocol.handshake;

import java.util.Objects;

/** The head of an HTTP/1.1 response (RFC 7230 §3.1.2): version, status, reason, fields. */
public record HttpResponseHead(String version, int status, String reason, HttpHeaders headers) {

    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        HttpVersion.check(version);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        reason = reason == null ? "" : reason;
    }
}
