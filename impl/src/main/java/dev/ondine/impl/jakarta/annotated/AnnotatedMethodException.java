package dev.ondine.impl.jakarta.annotated;

/**
 * Carries a checked exception thrown by a user's annotated method out of a
 * {@link jakarta.websocket.MessageHandler}, whose {@code onMessage} cannot throw checked
 * exceptions. The session hands it to {@link AnnotatedEndpoint#onError}, which unwraps it so
 * that the {@code @OnError} method receives the user's original exception (Jakarta WebSocket
 * 2.2 §5.2.2, WSC-5.2.2-2).
 */
public final class AnnotatedMethodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AnnotatedMethodException(String methodDescription, Throwable cause) {
        super("Annotated method " + methodDescription + " threw " + cause, cause);
    }

    /** The user's exception if {@code error} is this wrapper, otherwise {@code error} itself. */
    static Throwable unwrap(Throwable error) {
        if (error instanceof AnnotatedMethodException && error.getCause() != null) {
            return error.getCause();
        }
        return error;
    }
}
