package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;

/**
 * The four method-level annotations and the parameters each may declare besides
 * {@code @PathParam} ones. Every context parameter is optional and at most once, except where
 * {@link #required} says otherwise.
 */
enum CallbackRole {

    /** Jakarta WebSocket 2.2 §4.4: optional Session, optional EndpointConfig. */
    OPEN(OnOpen.class, Map.of(Session.class, ContextArgument.SESSION,
            EndpointConfig.class, ContextArgument.ENDPOINT_CONFIG), Set.of(), "§4.4"),
    /** §4.5: optional Session, optional CloseReason. */
    CLOSE(OnClose.class, Map.of(Session.class, ContextArgument.SESSION,
            CloseReason.class, ContextArgument.CLOSE_REASON), Set.of(), "§4.5"),
    /** §4.6: optional Session, mandatory Throwable. */
    ERROR(OnError.class, Map.of(Session.class, ContextArgument.SESSION,
            Throwable.class, ContextArgument.ERROR), Set.of(Throwable.class), "§4.6"),
    /** §4.7 and the {@code @OnMessage} javadoc: optional Session, plus the message parameter(s). */
    MESSAGE(OnMessage.class, Map.of(Session.class, ContextArgument.SESSION), Set.of(), "§4.7");

    private final Class<? extends Annotation> annotation;
    private final Map<Class<?>, ContextArgument> contextParameters;
    private final Set<Class<?>> required;
    private final String section;

    CallbackRole(Class<? extends Annotation> annotation, Map<Class<?>, ContextArgument> contextParameters,
                 Set<Class<?>> required, String section) {
        this.annotation = annotation;
        this.contextParameters = contextParameters;
        this.required = required;
        this.section = section;
    }

    Class<? extends Annotation> annotation() {
        return annotation;
    }

    /** The context argument for a parameter of exactly this type, or {@code null}. */
    ContextArgument contextArgument(Class<?> parameterType) {
        return contextParameters.get(parameterType);
    }

    Set<Class<?>> required() {
        return required;
    }

    /** "@OnOpen (Jakarta WebSocket 2.2 §4.4)", for error messages. */
    String citation() {
        return "@" + annotation.getSimpleName() + " (Jakarta WebSocket 2.2 " + section + ")";
    }
}
