package dev.ondine.impl.protocol.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One extension in a {@code Sec-WebSocket-Extensions} list (RFC 6455 §9.1): a name and its
 * parameters in order. A parameter has a value or none (null); every name and value is a
 * token (§9.1: a quoted value must be a token once unquoted).
 */
public record ExtensionOffer(String name, List<Parameter> parameters) {

    /** One extension parameter; {@code value} is null for a parameter given without a value. */
    public record Parameter(String name, String value) {
        public Parameter {
            if (!HttpTokens.isToken(name)) {
                throw new IllegalArgumentException("extension parameter name is not a token: " + name);
            }
            if (value != null && !HttpTokens.isToken(value)) {
                throw new IllegalArgumentException("extension parameter value is not a token: " + value);
            }
        }
    }

    public ExtensionOffer {
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("extension name is not a token: " + name);
        }
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
    }

    /** An extension without parameters. */
    public ExtensionOffer(String name) {
        this(name, List.of());
    }

    /** A copy with one more parameter ({@code value} null for none). */
    public ExtensionOffer with(String parameterName, String value) {
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(new Parameter(parameterName, value));
        return new ExtensionOffer(name, more);
    }

    /** Whether a parameter named {@code parameterName} is present (names compare exactly). */
    public boolean hasParameter(String parameterName) {
        return find(parameterName) != null;
    }

    /** The value of the first parameter named {@code parameterName}; null if absent or valueless. */
    public String parameterValue(String parameterName) {
        Parameter p = find(parameterName);
        return p == null ? null : p.value();
    }

    private Parameter find(String parameterName) {
        for (Parameter p : parameters) {
            if (p.name().equals(parameterName)) {
                return p;
            }
        }
        return null;
    }

    /** This extension as a list element: {@code name; param; param=value} (§9.1). */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.name());
            if (p.value() != null) {
                sb.append('=').append(p.value());
            }
        }
        return sb.toString();
    }

    /** A whole {@code Sec-WebSocket-Extensions} value: the extensions joined by ", " (§9.1). */
    public static String format(List<ExtensionOffer> extensions) {
        StringBuilder sb = new StringBuilder();
        for (ExtensionOffer e : extensions) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.toHeaderValue());
        }
        return sb.toString();
    }
}
