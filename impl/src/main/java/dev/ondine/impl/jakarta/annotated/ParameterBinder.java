package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates the parameters of one annotated method against its {@link CallbackRole} and binds
 * each to an {@link ArgumentSource}: {@code @PathParam} parameters (Jakarta WebSocket 2.2 §4.3)
 * and the context parameters the role allows (§4.4–§4.7). Parameters may appear in any order.
 * For {@code @OnMessage}, parameters that are neither are left unbound for the message
 * parameter rules; for the other roles they are deployment errors.
 */
final class ParameterBinder {

    /** The bound sources, {@code null} at each index listed in {@code unbound}. */
    record Binding(ArgumentSource[] sources, List<Integer> unbound) {
    }

    private final Class<?> endpointClass;
    private final Set<String> templateVariables;

    ParameterBinder(Class<?> endpointClass, Set<String> templateVariables) {
        this.endpointClass = endpointClass;
        this.templateVariables = Set.copyOf(templateVariables);
    }

    Binding bind(Method method, CallbackRole role) throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        Set<Class<?>> seen = new HashSet<>();
        List<Integer> unbound = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            PathParam pathParam = parameters[i].getAnnotation(PathParam.class);
            if (pathParam != null) {
                sources[i] = pathParameter(method, i, type, pathParam.value());
                continue;
            }
            ContextArgument context = role.contextArgument(type);
            if (context != null) {
                if (!seen.add(type)) {
                    throw DeploymentErrors.onMethod(endpointClass, method, "more than one " + type.getName()
                            + " parameter; " + role.citation() + " allows at most one");
                }
                sources[i] = context;
                continue;
            }
            unbound.add(i);
        }
        if (role != CallbackRole.MESSAGE && !unbound.isEmpty()) {
            int index = unbound.get(0);
            throw DeploymentErrors.onMethod(endpointClass, method, "parameter " + (index + 1) + " of type "
                    + parameters[index].getType().getTypeName() + " is not allowed; " + role.citation()
                    + " allows only " + allowed(role) + " and @PathParam parameters");
        }
        for (Class<?> required : role.required()) {
            if (!seen.contains(required)) {
                throw DeploymentErrors.onMethod(endpointClass, method, "no " + required.getName()
                        + " parameter; " + role.citation() + " requires one");
            }
        }
        return new Binding(sources, List.copyOf(unbound));
    }

    /** Jakarta WebSocket 2.2 §4.3. */
    private ArgumentSource pathParameter(Method method, int index, Class<?> type, String name)
            throws DeploymentException {
        String where = "@PathParam parameter " + (index + 1);
        if (name == null || name.isEmpty()) {
            throw DeploymentErrors.onMethod(endpointClass, method, where
                    + " has no name; its value attribute must be present (Jakarta WebSocket 2.2 §4.3, WSC-4.3-2)");
        }
        if (!PathParameterConverter.supports(type)) {
            throw DeploymentErrors.onMethod(endpointClass, method, where + " ('" + name + "') has type "
                    + type.getTypeName() + "; only String, a Java primitive or its box is allowed"
                    + " (Jakarta WebSocket 2.2 §4.3, WSC-4.3-1)");
        }
        if (templateVariables.contains(name)) {
            return new PathParameterSource(name, type);
        }
        // The name written as the template writes it, braces included ("{param}" for the
        // variable param). No variable name can contain a brace, so this cannot take another
        // variable's value; the official TCK declares one so (websocketmessage's
        // WSFullBooleanAndSessionAndPathParamServer) and expects the value, as Tyrus gives it.
        if (name.length() > 2 && name.startsWith("{") && name.endsWith("}")
                && templateVariables.contains(name.substring(1, name.length() - 1))) {
            return new PathParameterSource(name.substring(1, name.length() - 1), type);
        }
        // §4.3: a name that is not a template variable gets the value null. That is a valid
        // (if useless) declaration for String and the boxes, but a primitive cannot hold null,
        // so for a primitive the declaration can only be a mistake: report it at deployment.
        if (type.isPrimitive()) {
            throw DeploymentErrors.onMethod(endpointClass, method, where + " ('" + name
                    + "') is not a variable of the URI template " + templateVariables
                    + ", so its value is null (Jakarta WebSocket 2.2 §4.3), which the primitive type "
                    + type.getName() + " cannot hold");
        }
        return ContextArgument.ABSENT_PATH_PARAMETER;
    }

    private static String allowed(CallbackRole role) {
        List<String> parts = new ArrayList<>();
        for (Class<?> type : List.of(Session.class, EndpointConfig.class, CloseReason.class, Throwable.class)) {
            if (role.contextArgument(type) != null) {
                parts.add((role.required().contains(type) ? "a mandatory " : "an optional ") + type.getSimpleName());
            }
        }
        return parts.stream().collect(Collectors.joining(", "));
    }
}
