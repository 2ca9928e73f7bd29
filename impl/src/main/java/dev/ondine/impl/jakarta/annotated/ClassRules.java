package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DeploymentException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * The class-level requirements Jakarta WebSocket 2.2 places on endpoint, encoder and decoder
 * classes. Containers call {@link #requireClientEndpointClass} when they must instantiate a
 * client endpoint themselves ({@code connectToServer(Class, URI)}); a client endpoint passed as
 * an instance needs no constructor.
 */
public final class ClassRules {

    private ClassRules() {
    }

    /**
     * Jakarta WebSocket 2.2 §4.1 (WSC-4.1-1): a {@code @ServerEndpoint} class "must be public,
     * concrete, and have a public no-args constructor".
     */
    public static void requireServerEndpointClass(Class<?> type) throws DeploymentException {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw DeploymentErrors.onClass(type, "a @ServerEndpoint class must be public (Jakarta WebSocket 2.2 §4.1)");
        }
        requireConcreteWithPublicNoArgConstructor(type, type, "a @ServerEndpoint class (Jakarta WebSocket 2.2 §4.1)");
    }

    /**
     * Jakarta WebSocket 2.2 §4.2: a {@code @ClientEndpoint} class "must have a public no-args
     * constructor" — needed when the container creates the instance from the class.
     */
    public static void requireClientEndpointClass(Class<?> type) throws DeploymentException {
        requireConcreteWithPublicNoArgConstructor(type, type, "a @ClientEndpoint class (Jakarta WebSocket 2.2 §4.2)");
    }

    /**
     * Jakarta WebSocket 2.2 §4.1.2, §4.1.3, §4.2.1, §4.2.2: encoder and decoder classes "have
     * public no-arg constructors"; the container creates one instance per connection.
     */
    static void requireCodecClass(Class<?> endpointClass, Class<?> codec, String attribute)
            throws DeploymentException {
        requireConcreteWithPublicNoArgConstructor(endpointClass, codec,
                "the " + attribute + " class " + codec.getName() + " (Jakarta WebSocket 2.2 §4.1.2, §4.1.3)");
    }

    private static void requireConcreteWithPublicNoArgConstructor(Class<?> endpointClass, Class<?> type, String what)
            throws DeploymentException {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw DeploymentErrors.onClass(endpointClass, what + " must be concrete, not abstract or an interface");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw DeploymentErrors.onClass(endpointClass, what
                    + " must not be an inner class: it needs an enclosing instance, so it has no no-args constructor");
        }
        if (type.isAnonymousClass() || type.isLocalClass()) {
            throw DeploymentErrors.onClass(endpointClass, what + " must not be an anonymous or local class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw DeploymentErrors.onClass(endpointClass, what + " must have a public no-args constructor");
        }
        if (!Modifier.isPublic(constructor.getModifiers())) {
            throw DeploymentErrors.onClass(endpointClass, what + " must have a public no-args constructor");
        }
    }
}
