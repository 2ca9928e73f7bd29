package dev.ondine.impl.jakarta.codec;

import java.util.Map;
import java.util.Objects;

/**
 * The built-in conversions of a text message to a Java primitive or its class equivalent
 * (Jakarta WebSocket 2.2 §4.7: a message handling method may take "a Java primitive or class
 * equivalent to receive the whole message converted to that type"), and the boxing map.
 *
 * <p>Numbers use the {@code valueOf} of their class, without trimming. A boolean must be
 * {@code true} or {@code false} (any case): {@code Boolean.valueOf} would turn every other
 * text into {@code false} silently, and a message that is not a boolean should fail to
 * decode. A char is the first UTF-16 unit of a text that is not empty: the official TCK's
 * clients echo a {@code char} message with a suffix and expect the longer text to reach a
 * {@code char} parameter again ({@code clientendpointonmessage} echoCharTest), as Tomcat and
 * Tyrus convert it.
 */
public final class PrimitiveConversions {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class,
            byte.class, Byte.class,
            short.class, Short.class,
            int.class, Integer.class,
            long.class, Long.class,
            float.class, Float.class,
            double.class, Double.class,
            char.class, Character.class);

    private PrimitiveConversions() {
    }

    /** The class equivalent of a primitive type; any other type unchanged. */
    public static Class<?> box(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return type.isPrimitive() ? BOXES.getOrDefault(type, type) : type;
    }

    /** Whether {@code type} is one of the 8 primitives (not {@code void}) or their boxes. */
    public static boolean isPrimitiveOrBox(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return BOXES.containsKey(type) || BOXES.containsValue(type);
    }

    /**
     * Converts {@code text} to a value of {@code type}, a primitive or a box.
     *
     * @return the boxed value
     * @throws IllegalArgumentException when the text does not denote a value of the type
     *         ({@link NumberFormatException} for numbers), or the type is not a primitive or box
     */
    public static Object parse(Class<?> type, String text) {
        Objects.requireNonNull(text, "text");
        Class<?> boxed = box(type);
        if (boxed == Integer.class) {
            return Integer.valueOf(text);
        }
        if (boxed == Long.class) {
            return Long.valueOf(text);
        }
        if (boxed == Double.class) {
            return Double.valueOf(text);
        }
        if (boxed == Float.class) {
            return Float.valueOf(text);
        }
        if (boxed == Short.class) {
            return Short.valueOf(text);
        }
        if (boxed == Byte.class) {
            return Byte.valueOf(text);
        }
        if (boxed == Boolean.class) {
            return parseBoolean(text);
        }
        if (boxed == Character.class) {
            return parseCharacter(text);
        }
        throw new IllegalArgumentException(type.getName() + " is not a primitive type or a box");
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: \"" + text + "\"");
    }

    private static Character parseCharacter(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("not a char: the text is empty");
        }
        return text.charAt(0);
    }
}
