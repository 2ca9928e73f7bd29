package dev.ondine.impl.protocol.handshake;

/** Character classes of HTTP/1.1 message syntax (RFC 7230 §3.2, §3.2.6). */
public final class HttpTokens {

    private HttpTokens() {
    }

    /** tchar (RFC 7230 §3.2.6): ALPHA, DIGIT and {@code !#$%&'*+-.^_`|~}. */
    public static boolean isTchar(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** token = 1*tchar (RFC 7230 §3.2.6). */
    public static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** OWS = *( SP / HTAB ) (RFC 7230 §3.2.3). */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** field-vchar, SP or HTAB: VCHAR, obs-text (0x80-0xFF) and whitespace (RFC 7230 §3.2). */
    static boolean isFieldValueChar(int c) {
        return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
    }

    /** Whether {@code s} may be sent as a field-value: no CR, LF or other control. */
    public static boolean isFieldValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFieldValueChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without leading and trailing OWS. */
    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
