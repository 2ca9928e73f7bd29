package dev.ondine.impl.jakarta.session;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.handshake.ExtensionOffer;
import jakarta.websocket.Extension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** An extension with its parameters, as offered or agreed in a handshake (RFC 6455 §9.1). */
public final class NegotiatedExtension implements Extension {
    private final String name;
    private final List<Parameter> parameters;

    public NegotiatedExtension(String name, List<Parameter> parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /**
     * The extensions a container has installed (Jakarta WebSocket 2.2 §3.1.3, §2.1.5):
     * permessage-deflate, unless {@link Limits#PERMESSAGE_DEFLATE} turns it off. A new
     * mutable set each time.
     */
    public static Set<Extension> installed(Limits limits) {
        Set<Extension> set = new HashSet<>();
        if (limits.permessageDeflate()) {
            set.add(new NegotiatedExtension(DeflateParameters.EXTENSION_NAME, List.of()));
        }
        return set;
    }

    /** The extension as the handshake codecs see it, or as the Jakarta API does. */
    public static NegotiatedExtension of(ExtensionOffer element) {
        List<Parameter> params = new ArrayList<>(element.parameters().size());
        for (ExtensionOffer.Parameter p : element.parameters()) {
            params.add(parameter(p.name(), p.value()));
        }
        return new NegotiatedExtension(element.name(), params);
    }

    /** The Jakarta API's extensions as the handshake codecs see them, in order. */
    public static List<Extension> of(List<ExtensionOffer> elements) {
        List<Extension> list = new ArrayList<>(elements.size());
        for (ExtensionOffer e : elements) {
            list.add(of(e));
        }
        return list;
    }

    /**
     * An extension of the Jakarta API as a header element.
     *
     * @throws IllegalArgumentException if a name or value is not an HTTP token (RFC 6455 §9.1)
     */
    public static ExtensionOffer toOffer(Extension extension) {
        ExtensionOffer offer = new ExtensionOffer(extension.getName());
        for (Parameter p : extension.getParameters()) {
            offer = offer.with(p.getName(), p.getValue());
        }
        return offer;
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
