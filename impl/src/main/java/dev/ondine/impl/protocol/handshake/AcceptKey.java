package dev.ondine.impl.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The value of {@code Sec-WebSocket-Accept} for a {@code Sec-WebSocket-Key} (RFC 6455 §4.2.2 item 5.4). */
public final class AcceptKey {

    /** The GUID of RFC 6455 §1.3 and §4.2.2. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKey() {
    }

    /** base64(SHA-1(key + GUID)), the key taken as sent (trimmed of whitespace by the header parser). */
    public static String of(String secWebSocketKey) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        byte[] digest = sha1.digest((secWebSocketKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }
}
