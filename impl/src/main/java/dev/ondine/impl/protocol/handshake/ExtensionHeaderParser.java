package dev.ondine.impl.protocol.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1, §11.3.2):
 * <pre>
 *   extension-list  = 1#extension
 *   extension       = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * with RFC 7230 lists (§7: OWS around commas, empty elements ignored), OWS around ";"
 * and "=", and quoted-strings (§3.2.6) whose unquoted value must be a token (§9.1).
 * Several header fields read as one list joined by commas (RFC 7230 §3.2.2).
 */
public final class ExtensionHeaderParser {

    private final String s;
    private int pos;

    private ExtensionHeaderParser(String s) {
        this.s = s;
    }

    /** Parses every value of the header, in order. Malformed input gives 400. */
    public static List<ExtensionOffer> parse(List<String> headerValues) throws HandshakeException {
        return parse(String.join(",", headerValues));
    }

    /** Parses one header value. Malformed input gives 400. */
    public static List<ExtensionOffer> parse(String headerValue) throws HandshakeException {
        return new ExtensionHeaderParser(headerValue).list();
    }

    private List<ExtensionOffer> list() throws HandshakeException {
        List<ExtensionOffer> out = new ArrayList<>();
        while (true) {
            skipOws();
            if (pos == s.length()) {
                return out;
            }
            if (s.charAt(pos) == ',') {
                pos++; // an empty list element (RFC 7230 §7)
                continue;
            }
            out.add(extension());
            skipOws();
            if (pos < s.length()) {
                expect(',');
            }
        }
    }

    private ExtensionOffer extension() throws HandshakeException {
        String name = token("extension name");
        List<ExtensionOffer.Parameter> params = new ArrayList<>();
        while (true) {
            skipOws();
            if (pos == s.length() || s.charAt(pos) != ';') {
                return new ExtensionOffer(name, params);
            }
            pos++;
            skipOws();
            String param = token("extension parameter name");
            skipOws();
            String value = null;
            if (pos < s.length() && s.charAt(pos) == '=') {
                pos++;
                skipOws();
                value = pos < s.length() && s.charAt(pos) == '"' ? quotedToken() : token("extension parameter value");
            }
            params.add(new ExtensionOffer.Parameter(param, value));
        }
    }

    private String token(String what) throws HandshakeException {
        int start = pos;
        while (pos < s.length() && HttpTokens.isTchar(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail("expected " + what);
        }
        return s.substring(start, pos);
    }

    /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 7230 §3.2.6). */
    private String quotedToken() throws HandshakeException {
        pos++; // opening DQUOTE
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos == s.length()) {
                throw fail("unterminated quoted string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos == s.length()) {
                    throw fail("unterminated quoted pair");
                }
                c = s.charAt(pos++);
            }
            sb.append(c);
        }
        // RFC 6455 §9.1: after unescaping, a quoted value must conform to the token ABNF.
        if (!HttpTokens.isToken(sb)) {
            throw fail("quoted extension parameter value is not a token");
        }
        return sb.toString();
    }

    private void expect(char c) throws HandshakeException {
        if (pos == s.length() || s.charAt(pos) != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private void skipOws() {
        while (pos < s.length() && HttpTokens.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private HandshakeException fail(String what) {
        return new HandshakeException(400, "malformed Sec-WebSocket-Extensions: " + what + " at " + pos);
    }
}
