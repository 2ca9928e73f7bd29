package dev.ondine.impl.protocol.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Header fields in the order received or added. Names compare case-insensitively
 * (RFC 7230 §3.2); a name may occur several times. Names must be tokens and values may hold
 * no CR, LF or other control character, so a head built from these fields cannot be split.
 * Values are stored without leading and trailing whitespace (RFC 7230 §3.2.4).
 */
public final class HttpHeaders implements Iterable<HttpHeaders.Field> {

    /** One header field. */
    public record Field(String name, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    /**
     * Appends a field.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds a
     *         control character (RFC 7230 §3.2)
     */
    public HttpHeaders add(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        if (!HttpTokens.isFieldValue(value)) {
            throw new IllegalArgumentException("header value of " + name + " holds a control character");
        }
        fields.add(new Field(name, HttpTokens.trimOws(value)));
        return this;
    }

    /** Appends every field of {@code other}. */
    public HttpHeaders addAll(HttpHeaders other) {
        for (Field f : other) {
            fields.add(f);
        }
        return this;
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of {@code name} in order; empty if none. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** How many fields are named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /** The distinct names, in the spelling and order of their first occurrence. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        for (Field f : fields) {
            if (lower.add(f.name().toLowerCase(Locale.ROOT))) {
                out.add(f.name());
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** Number of fields. */
    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public Iterator<Field> iterator() {
        return Collections.unmodifiableList(fields).iterator();
    }

    /**
     * Whether any {@code name} field, read as a comma-separated list (RFC 7230 §7), holds an
     * element equal to {@code token} ignoring case (as for {@code Connection: keep-alive,
     * Upgrade}, RFC 7230 §6.1, §6.7).
     */
    public boolean containsToken(String name, String token) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                for (String element : splitList(f.value())) {
                    if (element.equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The elements of a comma-separated list (RFC 7230 §7: {@code #element}), trimmed of
     * OWS, with empty elements dropped as the RFC requires recipients to accept them.
     * Quoted strings are not special here; lists that may hold them have their own parser.
     */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',') {
                String element = HttpTokens.trimOws(value.substring(start, i));
                if (!element.isEmpty()) {
                    out.add(element);
                }
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
