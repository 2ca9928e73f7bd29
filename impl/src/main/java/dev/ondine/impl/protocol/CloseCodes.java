package dev.ondine.impl.protocol;

/** Status codes of RFC 6455 §7.4.1 and which of them may travel in a close frame (§7.4.2). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved; never on the wire. */
    public static final int RESERVED = 1004;
    /** "No status received": reported locally when a close frame had no payload; never on the wire. */
    public static final int NO_STATUS = 1005;
    /** "Abnormal closure": reported locally when the connection dropped without a close frame; never on the wire. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    /** TLS handshake failure: reported locally only; never on the wire. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may appear in a close frame (RFC 6455 §7.4.1, §7.4.2): 1000-1003
     * and 1007-1011 defined by the RFC, and 3000-4999 for libraries, frameworks and
     * applications. 0-999, 1004-1006 and 1015 (local-only), the rest of 1012-2999 (not
     * defined by RFC 6455) and 5000 and above may not.
     */
    public static boolean isValidOnWire(int code) {
        if (code >= 1000 && code <= 1003) {
            return true;
        }
        if (code >= 1007 && code <= 1011) {
            return true;
        }
        return code >= 3000 && code <= 4999;
    }
}
