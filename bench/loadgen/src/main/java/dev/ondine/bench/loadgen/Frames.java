package dev.ondine.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Client-side RFC 6455 encoding: the opening handshake (§4.1) and masked frames (§5.2, §5.3). */
final class Frames {
    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Frames() {
    }

    /** A fresh 16-byte nonce, base64 (§4.1, Sec-WebSocket-Key). */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The Sec-WebSocket-Accept the server must answer for {@code key} (§4.2.2). */
    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteBuffer handshakeRequest(String host, int port, String path, String key) {
        return handshakeRequest(host, port, path, key, null);
    }

    /** The request, with a Sec-WebSocket-Extensions offer unless {@code extensions} is null. */
    static ByteBuffer handshakeRequest(String host, int port, String path, String key, String extensions) {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + "\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One whole (FIN) client frame: header, a random mask key, the masked payload. */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        return clientFrame(opcode, false, payload);
    }

    /** As {@link #clientFrame(int, byte[])}, with RSV1 set when {@code compressed} (RFC 7692 §6). */
    static ByteBuffer clientFrame(int opcode, boolean compressed, byte[] payload) {
        int len = payload.length;
        int header = 2 + (len <= 125 ? 0 : len <= 0xFFFF ? 2 : 8) + 4;
        ByteBuffer b = ByteBuffer.allocate(header + len);
        b.put((byte) (0x80 | (compressed ? 0x40 : 0) | opcode));
        if (len <= 125) {
            b.put((byte) (0x80 | len));
        } else if (len <= 0xFFFF) {
            b.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            b.put((byte) (0x80 | 127)).putLong(len);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.put(mask);
        for (int i = 0; i < len; i++) {
            b.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return b.flip();
    }

    static ByteBuffer closeFrame(int code) {
        return clientFrame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /**
     * {@code size} bytes of JSON-like text (keys, words and numbers from a seeded random
     * source): compresses about as chat or API messages do, not as a repeated alphabet.
     */
    static byte[] textPayload(int size, String prefix) {
        java.util.Random random = new java.util.Random(size);
        String[] keys = {"\"user\":", "\"room\":", "\"text\":", "\"ts\":", "\"id\":"};
        String[] words = {"\"alice\"", "\"general\"", "\"hello there\"", "\"bob\"", "\"on my way\""};
        StringBuilder sb = new StringBuilder(size + 32).append(prefix).append('{');
        while (sb.length() < size) {
            sb.append(keys[random.nextInt(keys.length)]);
            sb.append(random.nextBoolean() ? words[random.nextInt(words.length)] : Integer.toString(random.nextInt(1 << 20)));
            sb.append(',');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code size} bytes of printable ASCII (valid UTF-8 for text frames), starting with {@code prefix}. */
    static byte[] payload(int size, String prefix) {
        byte[] p = new byte[size];
        for (int i = 0; i < size; i++) {
            p[i] = (byte) ('a' + (i % 26));
        }
        byte[] pre = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pre, 0, p, 0, Math.min(pre.length, size));
        return p;
    }
}
