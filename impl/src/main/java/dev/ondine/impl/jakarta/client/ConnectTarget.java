package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.jakarta.annotated.AnnotatedEndpointModel;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;

import java.util.Arrays;

/**
 * What a connect connects: the endpoint and its configuration, made from what the
 * application gave (an annotated instance or class, a programmatic endpoint or class). Made on
 * the client pool: a class's constructor and an annotation's configurator are application code.
 */
record ConnectTarget(Endpoint endpoint, ClientEndpointConfig config) {

    /**
     * Each {@code @ClientEndpoint} class's model, built once. A ClassValue rather than a static
     * map: installed in a server, this class must not keep applications' classes (and their
     * class loaders) reachable after they are undeployed.
     */
    private static final ClassValue<Object> MODELS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return AnnotatedEndpointModel.forClient(type);
            } catch (DeploymentException e) {
                return e;
            }
        }
    };

    static ClientEndpointConfig defaultConfig() {
        return ClientEndpointConfig.Builder.create().build();
    }

    /** A programmatic endpoint; a null configuration is the default one. */
    static ConnectTarget of(Endpoint endpoint, ClientEndpointConfig config) throws DeploymentException {
        if (endpoint == null) {
            throw new DeploymentException("The endpoint instance must not be null");
        }
        return new ConnectTarget(endpoint, config == null ? defaultConfig() : config);
    }

    /** A new instance of a programmatic endpoint class. */
    static ConnectTarget ofClass(Class<? extends Endpoint> type, ClientEndpointConfig config) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        return of(instantiate(type), config);
    }

    /** An {@code @ClientEndpoint} instance, with the configuration its annotation describes (a new adapter each time). */
    static ConnectTarget annotated(Object instance) throws DeploymentException {
        if (instance == null) {
            throw new DeploymentException("The endpoint instance must not be null");
        }
        AnnotatedEndpointModel model = model(instance.getClass());
        return new ConnectTarget(model.newEndpoint(instance), annotatedConfig(instance.getClass()));
    }

    /** A new instance of an {@code @ClientEndpoint} class (validated before it is made). */
    static ConnectTarget annotatedClass(Class<?> type) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        model(type);
        Object instance = instantiate(type);
        return instance instanceof Endpoint endpoint ? of(endpoint, null) : annotated(instance);
    }

    private static AnnotatedEndpointModel model(Class<?> type) throws DeploymentException {
        if (type.getAnnotation(ClientEndpoint.class) == null) {
            throw new DeploymentException(type.getName() + " is not annotated with @ClientEndpoint");
        }
        Object m = MODELS.get(type);
        if (m instanceof DeploymentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        return (AnnotatedEndpointModel) m;
    }

    /** The configuration an {@code @ClientEndpoint} annotation describes (§2.2.1). */
    private static ClientEndpointConfig annotatedConfig(Class<?> type) throws DeploymentException {
        ClientEndpoint a = type.getAnnotation(ClientEndpoint.class);
        ClientEndpointConfig.Builder b = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(a.subprotocols()))
                .decoders(Arrays.asList(a.decoders()))
                .encoders(Arrays.asList(a.encoders()));
        if (a.configurator() != ClientEndpointConfig.Configurator.class) {
            b.configurator(instantiate(a.configurator()));
        }
        return b.build();
    }

    private static <T> T instantiate(Class<T> type) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot create " + type.getName()
                    + ": it needs a public no-argument constructor that does not throw", e);
        }
    }
}
