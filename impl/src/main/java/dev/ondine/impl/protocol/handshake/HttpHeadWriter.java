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
        switch (status) {
            case 101: return "Switching Protocols";
            case 200: return "OK";
            case 304: return "Not Modified";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 426: return "Upgrade Required";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            default: return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
