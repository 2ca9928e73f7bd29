package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One annotated method resolved at deployment: a {@link MethodHandle} adapted to
 * {@code (Object instance, Object[] arguments) -> Object} plus one {@link ArgumentSource} per
 * parameter. A call builds the argument array and invokes the handle; there is no reflective
 * lookup per call. A {@code void} method returns {@code null}.
 */
final class BoundMethod {

    private static final MethodType INVOKER_TYPE =
            MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String description;
    private final MethodHandle handle;
    private final ArgumentSource[] sources;
    private final boolean returnsValue;

    private BoundMethod(String description, MethodHandle handle, ArgumentSource[] sources, boolean returnsValue) {
        this.description = description;
        this.handle = handle;
        this.sources = sources;
        this.returnsValue = returnsValue;
    }

    /**
     * Binds {@code method}, making it accessible when it or its class is not public (the
     * specification does not require annotated methods or client endpoint classes to be
     * public, see {@link AnnotatedEndpointModel}).
     */
    static BoundMethod bind(Class<?> endpointClass, Method method, ArgumentSource[] sources)
            throws DeploymentException {
        if (sources.length != method.getParameterCount()) {
            throw new IllegalArgumentException("one source per parameter expected");
        }
        boolean needsAccess = !Modifier.isPublic(method.getModifiers())
                || !Modifier.isPublic(method.getDeclaringClass().getModifiers());
        if (needsAccess && !method.trySetAccessible()) {
            throw DeploymentErrors.onMethod(endpointClass, method,
                    "the method is not accessible to the WebSocket implementation (open its package to it)");
        }
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            DeploymentException error = DeploymentErrors.onMethod(endpointClass, method,
                    "the method is not accessible to the WebSocket implementation");
            error.initCause(e);
            throw error;
        }
        MethodHandle invoker = handle
                .asSpreader(Object[].class, method.getParameterCount())
                .asType(INVOKER_TYPE);
        boolean returnsValue = method.getReturnType() != void.class && method.getReturnType() != Void.class;
        return new BoundMethod(DeploymentErrors.describe(method), invoker, sources.clone(), returnsValue);
    }

    /** The arguments for one call; a path parameter that cannot be converted fails here. */
    Object[] arguments(Invocation invocation) throws DecodeException {
        Object[] arguments = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            arguments[i] = sources[i].resolve(invocation);
        }
        return arguments;
    }

    /** Calls the method; whatever it throws comes out unchanged, not wrapped. */
    Object invoke(Object instance, Object[] arguments) throws Throwable {
        return (Object) handle.invokeExact(instance, arguments);
    }

    /** Whether the method has a return value to send back (not {@code void} or {@code Void}). */
    boolean returnsValue() {
        return returnsValue;
    }

    String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
