package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DeploymentException;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds the informative deployment error messages that Jakarta WebSocket 2.2 §5.2.1 asks for:
 * every message names the endpoint class, the method at fault (with its declaring class,
 * which may be a superclass) and the rule it breaks.
 */
final class DeploymentErrors {

    private DeploymentErrors() {
    }

    static DeploymentException onClass(Class<?> endpointClass, String rule) {
        return new DeploymentException("Annotated endpoint " + endpointClass.getName() + ": " + rule);
    }

    static DeploymentException onMethod(Class<?> endpointClass, Method method, String rule) {
        return new DeploymentException("Annotated endpoint " + endpointClass.getName()
                + ", method " + describe(method) + ": " + rule);
    }

    /** {@code com.example.Chat.onText(java.lang.String, jakarta.websocket.Session)}. */
    static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes())
                .map(Class::getTypeName)
                .collect(Collectors.joining(", "));
        return method.getDeclaringClass().getName() + "." + method.getName() + "(" + parameters + ")";
    }
}
