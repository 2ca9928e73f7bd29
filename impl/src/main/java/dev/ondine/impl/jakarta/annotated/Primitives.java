package dev.ondine.impl.jakarta.annotated;

import java.util.Map;

/** Primitive types and their boxes, which message and path parameters treat alike. */
final class Primitives {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class,
            byte.class, Byte.class,
            short.class, Short.class,
            char.class, Character.class,
            int.class, Integer.class,
            long.class, Long.class,
            float.class, Float.class,
            double.class, Double.class);

    private Primitives() {
    }

    /** The box of a primitive type; any other type unchanged. */
    static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.getOrDefault(type, type) : type;
    }

    /** Whether {@code type} is one of the eight primitive types (not {@code void}) or their boxes. */
    static boolean isPrimitiveOrBox(Class<?> type) {
        return BOXES.containsKey(type) || BOXES.containsValue(type);
    }
}
