package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.DeploymentException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates, brings into service and removes from service the encoder or decoder instances
 * of one session. Jakarta WebSocket 2.2 §4.1.3, §4.1.4 and the {@code Encoder}/{@code Decoder}
 * javadoc: one new instance per class per connection, through its public no-arg
 * constructor; {@code init(EndpointConfig)} before use and {@code destroy()} at the end.
 */
final class CoderInstances {

    private static final Logger LOG = Logger.getLogger(CoderInstances.class.getName());

    private CoderInstances() {
    }

    /** A new instance of {@code type} by its public no-arg constructor. */
    static <T> T instantiate(Class<? extends T> type, String role) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("a " + role + " class is null");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException(role + " " + type.getName() + " is not a concrete class");
        }
        Constructor<? extends T> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(role + " " + type.getName() + " has no public no-arg constructor", e);
        }
        // The constructor is public; a non-public nested class still needs access to call it.
        constructor.trySetAccessible();
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException("the constructor of " + role + " " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot instantiate " + role + " " + type.getName(), e);
        }
    }

    /**
     * Calls {@code init} on each instance in order. When one fails, those already brought
     * into service are destroyed again and the failure is reported as a deployment error.
     */
    static <T> void initAll(List<T> instances, Consumer<T> init, Consumer<T> destroy) throws DeploymentException {
        List<T> started = new ArrayList<>(instances.size());
        for (T instance : instances) {
            try {
                init.accept(instance);
            } catch (RuntimeException e) {
                destroyAll(started, destroy);
                throw new DeploymentException("init of " + instance.getClass().getName() + " failed", e);
            }
            started.add(instance);
        }
    }

    /** Calls {@code destroy} on each instance; a failure is logged and the others still run. */
    static <T> void destroyAll(List<T> instances, Consumer<T> destroy) {
        for (T instance : instances) {
            try {
                destroy.accept(instance);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "destroy of " + instance.getClass().getName() + " failed", e);
            }
        }
    }
}
