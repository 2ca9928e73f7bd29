package dev.ondine.impl.protocol.handshake;

/** HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 7230 §2.6). */
final class HttpVersion {

    private HttpVersion() {
    }

    static boolean isValid(String v) {
        return v.length() == 8 && v.startsWith("HTTP/") && isDigit(v.charAt(5))
                && v.charAt(6) == '.' && isDigit(v.charAt(7));
    }

    static void check(String v) {
        if (!isValid(v)) {
            throw new IllegalArgumentException("not an HTTP version: " + v);
        }
    }

    static int major(String v) {
        return v.charAt(5) - '0';
    }

    static int minor(String v) {
        return v.charAt(7) - '0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
