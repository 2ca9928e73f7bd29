package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the methods that carry WebSocket method annotations for an endpoint class, applying
 * Jakarta WebSocket 2.2 §4.8 "WebSockets and Inheritance".
 *
 * <p>Reading of §4.8 implemented here. Class-level annotations are not inherited: the deployed
 * class itself must carry {@code @ServerEndpoint}/{@code @ClientEndpoint} (checked by
 * {@link AnnotatedEndpointModel}). Annotated methods declared in superclasses of such a class
 * do count — §4.8 speaks of "subclasses that override methods annotated with WebSocket method
 * annotations", which presumes that inherited annotated methods are otherwise called. When a
 * subclass overrides an annotated method, only the overriding method is considered: if it
 * carries a WebSocket annotation itself it is the callback (the superclass's annotation is
 * not), and if it carries none there is no callback, since such subclasses "do not obtain
 * WebSocket callbacks unless those subclass methods themselves are marked with a method level
 * WebSocket annotation". Annotations on interface methods are not considered (Java does not
 * inherit method annotations and §4.8 does not mention interfaces).
 *
 * <p>Bridge and synthetic methods are skipped (javac copies annotations onto bridges). Static
 * methods cannot be callbacks of an endpoint instance and are a deployment error.
 */
final class AnnotatedMethodScanner {

    static final List<Class<? extends Annotation>> CALLBACK_ANNOTATIONS =
            List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class);

    private AnnotatedMethodScanner() {
    }

    /** The effective annotated methods, most specific class first, in a stable order. */
    static List<Method> scan(Class<?> endpointClass) throws DeploymentException {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = endpointClass; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(c);
        }
        List<Method> found = new ArrayList<>();
        for (int level = 0; level < hierarchy.size(); level++) {
            Method[] declared = hierarchy.get(level).getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(Method::toString));
            for (Method method : declared) {
                if (method.isBridge() || method.isSynthetic() || !isAnnotated(method)) {
                    continue;
                }
                if (Modifier.isStatic(method.getModifiers())) {
                    throw DeploymentErrors.onMethod(endpointClass, method, "a WebSocket method annotation on a"
                            + " static method; callbacks are invoked on the endpoint instance (Jakarta WebSocket 2.2 §4.4–§4.7)");
                }
                if (!isOverridden(method, hierarchy.subList(0, level))) {
                    found.add(method);
                }
            }
        }
        return List.copyOf(found);
    }

    static boolean isAnnotated(Method method) {
        for (Class<? extends Annotation> annotation : CALLBACK_ANNOTATIONS) {
            if (method.isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a class below {@code method}'s declaring class overrides it. */
    private static boolean isOverridden(Method method, List<Class<?>> subclasses) {
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            return false;
        }
        boolean packagePrivate = !Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers);
        for (Class<?> subclass : subclasses) {
            Method candidate;
            try {
                candidate = subclass.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (Modifier.isStatic(candidate.getModifiers())) {
                continue;
            }
            if (packagePrivate && !samePackage(method.getDeclaringClass(), subclass)) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean samePackage(Class<?> a, Class<?> b) {
        return a.getClassLoader() == b.getClassLoader() && Objects.equals(a.getPackageName(), b.getPackageName());
    }
}
