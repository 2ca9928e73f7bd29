package dev.ondine.impl.protocol.proxy;

import dev.ondine.impl.protocol.handshake.HttpTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code Proxy-Authenticate} field (RFC 9110 §11.3, §11.7.1): an
 * authentication scheme and its parameters ({@code realm}, {@code charset}, ...), or a
 * token68. Parameter names are lower case; the scheme keeps its spelling and compares
 * case-insensitively.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public AuthChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Whether this is the Basic scheme (RFC 7617). */
    public boolean isBasic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    /** The realm (RFC 9110 §11.5), or null. */
    public String realm() {
        return params.get("realm");
    }

    /**
     * Every challenge in the values of {@code Proxy-Authenticate}, in order. A field value
     * may hold several, separated by commas like their parameters (RFC 9110 §11.6.1):
     * {@code challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]},
     * {@code auth-param = token BWS "=" BWS ( token / quoted-string )}.
     *
     * @throws IllegalArgumentException for a value that does not follow that grammar
     */
    public static List<AuthChallenge> parse(List<String> fieldValues) {
        List<AuthChallenge> out = new ArrayList<>();
        for (String value : fieldValues) {
            new Reader(value, out).read();
        }
        return out;
    }

    /** Reads one field value, appending the challenges it holds. */
    private static final class Reader {
        private final String s;
        private final List<AuthChallenge> out;
        private int i;
        private String scheme;
        private Map<String, String> params;

        Reader(String s, List<AuthChallenge> out) {
            this.s = s;
            this.out = out;
        }

        void read() {
            while (true) {
                skipSpaces();
                if (i == s.length()) {
                    break;
                }
                if (s.charAt(i) == ',') {
                    i++; // empty list elements are allowed (RFC 9110 §5.6.1)
                    continue;
                }
                String name = token();
                int afterName = i;
                skipSpaces();
                if (i < s.length() && s.charAt(i) == '=' && scheme != null) {
                    i++;
                    param(name);
                } else {
                    i = afterName;
                    challenge(name);
                }
                skipSpaces();
                if (i < s.length()) {
                    expect(',');
                }
            }
            finish();
        }

        /** A new challenge: its scheme, then nothing, a token68 or a first parameter. */
        private void challenge(String name) {
            finish();
            scheme = name;
            params = new LinkedHashMap<>();
            if (i == s.length() || s.charAt(i) == ',') {
                return;
            }
            expect(' ');
            skipSpaces();
            if (i == s.length() || s.charAt(i) == ',') {
                return;
            }
            int start = i;
            String first = token68OrToken();
            int afterFirst = i;
            skipSpaces();
            if (i < s.length() && s.charAt(i) == '=' && !first.endsWith("=")) {
                if (!HttpTokens.isToken(first)) {
                    throw malformed();
                }
                i++;
                param(first);
            } else {
                i = afterFirst;
                // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
                params.put("token68", s.substring(start, afterFirst));
            }
        }

        private void param(String name) {
            skipSpaces();
            String v = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
            params.put(name.toLowerCase(Locale.ROOT), v);
        }

        private void finish() {
            if (scheme != null) {
                out.add(new AuthChallenge(scheme, params));
                scheme = null;
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && HttpTokens.isTchar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw malformed();
            }
            return s.substring(start, i);
        }

        private String token68OrToken() {
            int start = i;
            while (i < s.length() && (HttpTokens.isTchar(s.charAt(i)) || s.charAt(i) == '/')) {
                i++;
            }
            while (i < s.length() && s.charAt(i) == '=' && i > start && isToken68End()) {
                i++;
            }
            if (i == start) {
                throw malformed();
            }
            return s.substring(start, i);
        }

        /** Whether trailing '=' here end a token68 rather than start a parameter's value. */
        private boolean isToken68End() {
            int j = i;
            while (j < s.length() && s.charAt(j) == '=') {
                j++;
            }
            int equals = j - i;
            while (j < s.length() && HttpTokens.isWhitespace(s.charAt(j))) {
                j++;
            }
            // "a=b" and "a = b" are parameters; "abc==", or "abc=" before a comma or the end, a token68.
            return equals > 1 || j == s.length() || s.charAt(j) == ',';
        }

        /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4). */
        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i == s.length()) {
                        break;
                    }
                    c = s.charAt(i++);
                }
                b.append(c);
            }
            throw malformed();
        }

        private void skipSpaces() {
            while (i < s.length() && HttpTokens.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw malformed();
            }
            i++;
        }

        private IllegalArgumentException malformed() {
            return new IllegalArgumentException("malformed Proxy-Authenticate at character " + (i + 1) + ": " + s);
        }
    }
}
