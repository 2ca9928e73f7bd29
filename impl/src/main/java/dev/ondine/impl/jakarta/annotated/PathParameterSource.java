package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DecodeException;

import java.util.Map;
import java.util.function.Function;

/**
 * The argument of a {@code @PathParam} parameter whose name is a variable of the endpoint's URI
 * template: read from {@code Session.getPathParameters()} at call time and converted (Jakarta
 * WebSocket 2.2 §4.3, WSC-4.3-3). A segment that cannot be converted is a
 * {@link DecodeException}, which the caller passes to the error handling method (WSC-4.3-6).
 */
final class PathParameterSource implements ArgumentSource {

    private final String name;
    private final Class<?> type;
    private final Function<String, Object> conversion;

    PathParameterSource(String name, Class<?> type) {
        this.name = name;
        this.type = type;
        this.conversion = PathParameterConverter.forType(type);
    }

    @Override
    public Object resolve(Invocation invocation) throws DecodeException {
        Map<String, String> parameters = invocation.session().getPathParameters();
        String segment = parameters == null ? null : parameters.get(name);
        if (segment == null) {
            if (type.isPrimitive()) {
                throw new DecodeException((String) null,
                        "path parameter '" + name + "' has no value for a parameter of type " + type.getName());
            }
            return null;
        }
        try {
            return conversion.apply(segment);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(segment, "path parameter '" + name + "' cannot be converted to "
                    + type.getName(), e);
        }
    }
}
