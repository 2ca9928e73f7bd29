package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes an HTTP/1.1 message head, and an optional body, as bytes (RFC 7230 §3). */
final class HttpHeadWriter {

    private HttpHeadWriter() {
    }

    /**
     * {@code startLine CRLF *(name ": " value CRLF) CRLF body}; header text is ISO-8859-1,
     * already checked by {@link HttpHeaders#add} to hold no CR, LF or control.
     *
     * @return a buffer ready to read
     */
    static ByteBuffer write(String startLine, HttpHeaders headers, byte[] body) {
        StringBuilder sb = new StringBuilder(128 + 32 * headers.size());
        sb.append(startLine).append("\r\n");
        for (HttpHeaders.Field f : headers) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(head.length + body.length);
        out.put(head).put(body).flip();
        return out;
    }

    /** Reason phrases (RFC 7231 §6.1, RFC 6585 §5) of the statuses a handshake may answer with. */
    static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 304 -> "Not Modified";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
