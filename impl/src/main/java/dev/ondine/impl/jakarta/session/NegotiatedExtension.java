package dev.ondine.impl.jakarta.session;

import jakarta.websocket.Extension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** An extension with its parameters, as offered or agreed in a handshake (RFC 6455 §9.1). */
public final class NegotiatedExtension implements Extension {
    private final String name;
    private final List<Parameter> parameters;

    public NegotiatedExtension(String name, List<Parameter> parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** A parameter: a name and a value (null for a parameter without one). */
    public static Parameter parameter(String name, String value) {
        return new Parameter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return value;
            }

            @Override
            public String toString() {
                return value == null ? name : name + '=' + value;
            }
        };
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append("; ").append(p);
        }
        return sb.toString();
    }
}
