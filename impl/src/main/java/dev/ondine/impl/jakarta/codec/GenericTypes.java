package dev.ondine.impl.jakarta.codec;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the type argument a class gives to a generic interface it implements, e.g. the
 * {@code T} of {@code Decoder.Text<T>} (Jakarta WebSocket 2.2 §4.1.3, §4.1.4: decoders and
 * encoders apply to their parameterized type) or of {@code MessageHandler.Whole<T>}
 * (§2.1.3). The search walks superclasses and superinterfaces and carries the type
 * variables that each level binds, so {@code class P extends Base<Point>} with
 * {@code abstract class Base<X> implements Decoder.Text<X>} resolves to {@code Point}.
 */
public final class GenericTypes {

    private GenericTypes() {
    }

    /**
     * The erased class of type argument {@code index} of {@code genericInterface} as
     * implemented by {@code implementation}; {@code null} when it cannot be resolved (the
     * interface is not implemented, is implemented raw, or the argument is a type variable
     * or wildcard left open).
     */
    public static Class<?> typeArgument(Class<?> implementation, Class<?> genericInterface, int index) {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(genericInterface, "genericInterface");
        int count = genericInterface.getTypeParameters().length;
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(genericInterface.getName() + " has no type parameter " + index);
        }
        if (implementation == genericInterface || !genericInterface.isAssignableFrom(implementation)) {
            return null;
        }
        return erasure(find(implementation, genericInterface, index, Map.of()));
    }

    /**
     * Searches the direct supertypes of {@code type}, whose own type variables are bound as
     * in {@code bindings}, for the argument {@code index} given to {@code target}.
     */
    private static Type find(Class<?> type, Class<?> target, int index, Map<TypeVariable<?>, Type> bindings) {
        List<Type> supertypes = new ArrayList<>();
        if (type.getGenericSuperclass() != null) {
            supertypes.add(type.getGenericSuperclass());
        }
        supertypes.addAll(Arrays.asList(type.getGenericInterfaces()));
        for (Type supertype : supertypes) {
            Class<?> raw = erasure(supertype);
            if (raw == null || !target.isAssignableFrom(raw)) {
                continue;
            }
            if (raw == target) {
                if (supertype instanceof ParameterizedType parameterized) {
                    return substitute(parameterized.getActualTypeArguments()[index], bindings);
                }
                continue; // implemented raw on this path: nothing to learn here
            }
            Type found = find(raw, target, index, bind(raw, supertype, bindings));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The bindings of {@code raw}'s type variables given by the use {@code supertype}. */
    private static Map<TypeVariable<?>, Type> bind(Class<?> raw, Type supertype, Map<TypeVariable<?>, Type> bindings) {
        if (!(supertype instanceof ParameterizedType parameterized)) {
            return Map.of(); // a raw supertype erases all of its type variables
        }
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = parameterized.getActualTypeArguments();
        Map<TypeVariable<?>, Type> next = new HashMap<>();
        for (int i = 0; i < variables.length; i++) {
            next.put(variables[i], substitute(arguments[i], bindings));
        }
        return next;
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            return bindings.get(variable);
        }
        if (type instanceof GenericArrayType array) {
            Type component = substitute(array.getGenericComponentType(), bindings);
            Class<?> erased = erasure(component);
            return erased == null ? array : erased.arrayType();
        }
        return type;
    }

    /** The class a type erases to; {@code null} for a type variable or a wildcard. */
    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            Class<?> component = erasure(array.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }
}
