package dev.ondine.impl.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Plain HTTP/1.1 responses for requests that are not WebSocket upgrades (RFC 7230, 7231). */
public final class HttpResponses {
    private HttpResponses() {
    }

    /**
     * A complete response that closes the connection: status line, {@code headers}, then
     * {@code Content-Length} and {@code Connection: close}, and the body unless
     * {@code headRequest} (RFC 7231 §4.3.2: HEAD gets the headers of GET without the body).
     */
    public static ByteBuffer of(int status, HttpHeaders headers, byte[] body, boolean headRequest) {
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.addAll(headers);
        }
        all.add("Content-Length", Integer.toString(body.length));
        all.add("Connection", "close");
        return HttpHeadWriter.write("HTTP/1.1 " + status + " " + HttpHeadWriter.reasonPhrase(status), all,
                headRequest ? new byte[0] : body);
    }

    /** A short plain-text response. */
    public static ByteBuffer text(int status, String message, boolean headRequest) {
        return of(status, new HttpHeaders().add("Content-Type", "text/plain; charset=utf-8"),
                (message + "\n").getBytes(StandardCharsets.UTF_8), headRequest);
    }
}
