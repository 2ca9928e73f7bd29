package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.PrimitiveConversions;

import java.util.Map;
import java.util.function.Function;

/**
 * Converts a URI path segment to the type of a {@code @PathParam} parameter. Jakarta WebSocket
 * 2.2 §4.3 (WSC-4.3-4, WSC-4.3-5): a {@code String} takes the segment as is; a primitive or its
 * box is built "with the same result as if it had used the public one argument String
 * constructor to obtain the boxed type, and reduced to its primitive type if necessary".
 *
 * <p>The {@code valueOf(String)} methods used here give the same result as those (deprecated)
 * constructors, including {@code Boolean}'s: any text other than {@code "true"} (ignoring
 * case) is {@code false}, never an error. {@code Character} has no String constructor; the
 * reading taken here is that a segment of exactly one character converts to that character and
 * anything else cannot be decoded.
 */
final class PathParameterConverter {

    private static final Map<Class<?>, Function<String, Object>> CONVERSIONS = Map.ofEntries(
            Map.entry(String.class, segment -> segment),
            Map.entry(Boolean.class, Boolean::valueOf),
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(Character.class, PathParameterConverter::singleCharacter));

    private PathParameterConverter() {
    }

    /** Whether {@code type} may carry {@code @PathParam}: String, a primitive, or a box (§4.3, WSC-4.3-1). */
    static boolean supports(Class<?> type) {
        return CONVERSIONS.containsKey(PrimitiveConversions.box(type));
    }

    /**
     * The conversion for {@code type}, which {@link #supports} must accept. It throws an
     * {@link IllegalArgumentException} (such as {@link NumberFormatException}) for a segment
     * it cannot convert.
     */
    static Function<String, Object> forType(Class<?> type) {
        Function<String, Object> conversion = CONVERSIONS.get(PrimitiveConversions.box(type));
        if (conversion == null) {
            throw new IllegalArgumentException("not a @PathParam type: " + type.getName());
        }
        return conversion;
    }

    private static Object singleCharacter(String segment) {
        if (segment.length() != 1) {
            throw new IllegalArgumentException("a char path parameter needs exactly one character, got "
                    + segment.length());
        }
        return segment.charAt(0);
    }
}
