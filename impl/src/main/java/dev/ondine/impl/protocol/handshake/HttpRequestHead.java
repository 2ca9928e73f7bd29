package dev.ondine.impl.protocol.handshake;

import java.util.Objects;

/**
 * The head of an HTTP/1.1 request (RFC 7230 §3.1.1): method, request target as sent,
 * version ({@code HTTP/<digit>.<digit>}) and header fields.
 */
public record HttpRequestHead(String method, String target, String version, HttpHeaders headers) {

    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        HttpVersion.check(version);
    }

    public int versionMajor() {
        return HttpVersion.major(version);
    }

    public int versionMinor() {
        return HttpVersion.minor(version);
    }
}
