package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An annotated endpoint class (Jakarta WebSocket 2.2 §2.2, §4), validated once at deployment:
 * every rule of §4 that can be checked without a connection is checked here, each violation a
 * {@link DeploymentException} naming the class, the method and the rule (§5.2.1). The result is
 * immutable and shared by all connections; {@link #newEndpoint} wraps one instance of the class
 * as a programmatic {@link jakarta.websocket.Endpoint}.
 *
 * <p>Visibility of annotated methods: the specification requires the {@code @ServerEndpoint}
 * class to be public (§4.1) but places no requirement on the visibility of the annotated
 * methods (§4.4–§4.7 constrain only their parameters and, for {@code @OnMessage}, the return
 * type). Non-public annotated methods are therefore accepted and made accessible; one that
 * cannot be made accessible (a package not opened to this module) is a deployment error.
 * Likewise the return value of {@code @OnOpen}, {@code @OnClose} and {@code @OnError} is not
 * constrained by the specification; it is ignored.
 */
public final class AnnotatedEndpointModel {

    private final Class<?> endpointClass;
    private final String path;
    private final List<Class<? extends Decoder>> decoders;
    private final List<Class<? extends Encoder>> encoders;
    private final List<String> subprotocols;
    private final Class<? extends ServerEndpointConfig.Configurator> serverConfigurator;
    private final Class<? extends ClientEndpointConfig.Configurator> clientConfigurator;
    private final BoundMethod openMethod;
    private final BoundMethod closeMethod;
    private final BoundMethod errorMethod;
    private final List<MessageMethod> messageMethods;

    private AnnotatedEndpointModel(Builder builder) {
        this.endpointClass = builder.endpointClass;
        this.path = builder.path;
        this.decoders = List.copyOf(builder.decoders);
        this.encoders = List.copyOf(builder.encoders);
        this.subprotocols = List.copyOf(builder.subprotocols);
        this.serverConfigurator = builder.serverConfigurator;
        this.clientConfigurator = builder.clientConfigurator;
        this.openMethod = builder.openMethod;
        this.closeMethod = builder.closeMethod;
        this.errorMethod = builder.errorMethod;
        this.messageMethods = List.copyOf(builder.messageMethods);
    }

    /**
     * Validates a {@code @ServerEndpoint} class.
     *
     * @param templateVariables the variable names of the endpoint path's URI template, which
     *        {@code @PathParam} parameters are matched against (§4.3); empty for a plain path
     */
    public static AnnotatedEndpointModel forServer(Class<?> type, Set<String> templateVariables)
            throws DeploymentException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(templateVariables, "templateVariables");
        // §4.8: class-level annotations are not inherited; the class itself must carry it.
        ServerEndpoint annotation = type.getDeclaredAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw DeploymentErrors.onClass(type, "not annotated with @ServerEndpoint"
                    + " (class-level annotations are not inherited, Jakarta WebSocket 2.2 §4.8)");
        }
        ClassRules.requireServerEndpointClass(type);
        Builder builder = new Builder(type, templateVariables);
        builder.path = annotation.value();
        builder.decoders = List.of(annotation.decoders());
        builder.encoders = List.of(annotation.encoders());
        builder.subprotocols = List.of(annotation.subprotocols());
        builder.serverConfigurator = annotation.configurator();
        return builder.build();
    }

    /**
     * Validates a {@code @ClientEndpoint} class. A client endpoint has no URI template, so
     * every {@code @PathParam} of it is {@code null} (§4.3). Its no-args constructor is
     * checked only where the container must create the instance, with
     * {@link ClassRules#requireClientEndpointClass}.
     */
    public static AnnotatedEndpointModel forClient(Class<?> type) throws DeploymentException {
        Objects.requireNonNull(type, "type");
        ClientEndpoint annotation = type.getDeclaredAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw DeploymentErrors.onClass(type, "not annotated with @ClientEndpoint"
                    + " (class-level annotations are not inherited, Jakarta WebSocket 2.2 §4.8)");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw DeploymentErrors.onClass(type, "a @ClientEndpoint class must be concrete (Jakarta WebSocket 2.2 §4.2)");
        }
        Builder builder = new Builder(type, Set.of());
        builder.decoders = List.of(annotation.decoders());
        builder.encoders = List.of(annotation.encoders());
        builder.subprotocols = List.of(annotation.subprotocols());
        builder.clientConfigurator = annotation.configurator();
        return builder.build();
    }

    /** Wraps one instance of the endpoint class, created by the container or its configurator. */
    public AnnotatedEndpoint newEndpoint(Object instance) {
        if (!endpointClass.isInstance(instance)) {
            throw new IllegalArgumentException("not an instance of " + endpointClass.getName() + ": " + instance);
        }
        return new AnnotatedEndpoint(this, instance);
    }

    public Class<?> endpointClass() {
        return endpointClass;
    }

    /** The {@code @ServerEndpoint} path (§4.1.1); empty for a client endpoint. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** The declared decoder classes, in declaration order (§4.1.3, §4.2.2). */
    public List<Class<? extends Decoder>> decoders() {
        return decoders;
    }

    /** The declared encoder classes, in declaration order (§4.1.2, §4.2.1). */
    public List<Class<? extends Encoder>> encoders() {
        return encoders;
    }

    /** The declared subprotocols, in order of preference (§4.1.4, §4.2.4). */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * The {@code @ServerEndpoint} configurator class as declared (§4.1.5) — the annotation's
     * default is {@code ServerEndpointConfig.Configurator.class} itself, meaning the platform
     * default; empty for a client endpoint.
     */
    public Optional<Class<? extends ServerEndpointConfig.Configurator>> serverConfigurator() {
        return Optional.ofNullable(serverConfigurator);
    }

    /**
     * The {@code @ClientEndpoint} configurator class as declared (§4.2.3), by default
     * {@code ClientEndpointConfig.Configurator.class}; empty for a server endpoint.
     */
    public Optional<Class<? extends ClientEndpointConfig.Configurator>> clientConfigurator() {
        return Optional.ofNullable(clientConfigurator);
    }

    Optional<BoundMethod> openMethod() {
        return Optional.ofNullable(openMethod);
    }

    Optional<BoundMethod> closeMethod() {
        return Optional.ofNullable(closeMethod);
    }

    Optional<BoundMethod> errorMethod() {
        return Optional.ofNullable(errorMethod);
    }

    List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    @Override
    public String toString() {
        return "AnnotatedEndpointModel[" + endpointClass.getName() + "]";
    }

    /** Collects the annotation's attributes, then validates and binds the methods. */
    private static final class Builder {
        private final Class<?> endpointClass;
        private final Set<String> templateVariables;
        private String path;
        private List<Class<? extends Decoder>> decoders = List.of();
        private List<Class<? extends Encoder>> encoders = List.of();
        private List<String> subprotocols = List.of();
        private Class<? extends ServerEndpointConfig.Configurator> serverConfigurator;
        private Class<? extends ClientEndpointConfig.Configurator> clientConfigurator;
        private BoundMethod openMethod;
        private BoundMethod closeMethod;
        private BoundMethod errorMethod;
        private final List<MessageMethod> messageMethods = new ArrayList<>();

        Builder(Class<?> endpointClass, Set<String> templateVariables) {
            this.endpointClass = endpointClass;
            this.templateVariables = templateVariables;
        }

        AnnotatedEndpointModel build() throws DeploymentException {
            for (String subprotocol : subprotocols) {
                if (subprotocol == null || subprotocol.isEmpty()) {
                    throw DeploymentErrors.onClass(endpointClass, "an empty subprotocol name (Jakarta WebSocket 2.2 §4.1.4)");
                }
            }
            CodecTypes decoderTypes = CodecTypes.ofDecoders(endpointClass, decoders.toArray(new Class<?>[0]));
            CodecTypes encoderTypes = CodecTypes.ofEncoders(endpointClass, encoders.toArray(new Class<?>[0]));
            ParameterBinder parameters = new ParameterBinder(endpointClass, templateVariables);
            MessageMethodBinder messages = new MessageMethodBinder(endpointClass, parameters, decoderTypes, encoderTypes);
            List<Method> methods = AnnotatedMethodScanner.scan(endpointClass);

            openMethod = bindLifecycle(methods, CallbackRole.OPEN, parameters);
            closeMethod = bindLifecycle(methods, CallbackRole.CLOSE, parameters);
            errorMethod = bindLifecycle(methods, CallbackRole.ERROR, parameters);

            Map<MessageKind, MessageMethod> byKind = new EnumMap<>(MessageKind.class);
            for (Method method : annotatedWith(methods, CallbackRole.MESSAGE.annotation())) {
                MessageMethod bound = messages.bind(method);
                for (MessageKind kind : bound.shape().kinds()) {
                    MessageMethod previous = byKind.putIfAbsent(kind, bound);
                    if (previous != null) {
                        // §4.7 (WSC-4.7-4): one message handling method per native format.
                        throw DeploymentErrors.onMethod(endpointClass, method, "a second @OnMessage method for "
                                + kind.name().toLowerCase(Locale.ROOT) + " messages besides "
                                + previous.method().description()
                                + "; an endpoint may have only one per message format (Jakarta WebSocket 2.2 §4.7)");
                    }
                }
                messageMethods.add(bound);
            }
            return new AnnotatedEndpointModel(this);
        }

        /** §4.4–§4.6 (WSC-4.4-3, WSC-4.5-4, WSC-4.6-3): at most one method per annotation. */
        private BoundMethod bindLifecycle(List<Method> methods, CallbackRole role, ParameterBinder parameters)
                throws DeploymentException {
            List<Method> annotated = annotatedWith(methods, role.annotation());
            if (annotated.isEmpty()) {
                return null;
            }
            if (annotated.size() > 1) {
                throw DeploymentErrors.onMethod(endpointClass, annotated.get(1), "a second @"
                        + role.annotation().getSimpleName() + " method besides "
                        + DeploymentErrors.describe(annotated.get(0)) + "; " + role.citation()
                        + " may annotate only one method");
            }
            Method method = annotated.get(0);
            ParameterBinder.Binding binding = parameters.bind(method, role);
            return BoundMethod.bind(endpointClass, method, binding.sources());
        }

        private static List<Method> annotatedWith(List<Method> methods, Class<? extends Annotation> annotation) {
            List<Method> result = new ArrayList<>();
            for (Method method : methods) {
                if (method.isAnnotationPresent(annotation)) {
                    result.add(method);
                }
            }
            return result;
        }
    }
}
