package dev.ondine.impl.jakarta.annotated;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the class bound to the single type parameter of a generic interface (such as the
 * {@code T} of {@code Decoder.Text<T>}) as seen from a concrete class, following type variables
 * through superclasses and super-interfaces: {@code class D extends Base<Foo>} with
 * {@code class Base<X> implements Decoder.Text<X>} resolves to {@code Foo}.
 */
final class TypeArgumentResolver {

    private TypeArgumentResolver() {
    }

    /**
     * The class bound to {@code genericInterface}'s only type parameter in {@code type}, or
     * {@code null} if {@code type} does not implement it or leaves the parameter unbound
     * (raw use, or a type variable that no subclass fixes).
     */
    static Class<?> resolve(Class<?> type, Class<?> genericInterface) {
        return search(type, genericInterface, Map.of());
    }

    private static Class<?> search(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], substitute(arguments[i], outer));
            }
        } else if (type instanceof Class) {
            raw = (Class<?>) type;
        } else {
            return null;
        }
        if (raw == target) {
            TypeVariable<?>[] variables = target.getTypeParameters();
            return variables.length == 1 ? toClass(bindings.get(variables[0])) : null;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Class<?> found = search(parent, target, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : search(superclass, target, bindings);
    }

    private static Type substitute(Type argument, Map<TypeVariable<?>, Type> bindings) {
        if (argument instanceof TypeVariable && bindings.containsKey(argument)) {
            return bindings.get(argument);
        }
        return argument;
    }

    private static Class<?> toClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        if (type instanceof GenericArrayType) {
            Class<?> component = toClass(((GenericArrayType) type).getGenericComponentType());
            return component == null ? null : Array.newInstance(component, 0).getClass();
        }
        return null;
    }
}
