package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * What the container has at hand when it calls one annotated method: the session and,
 * depending on the callback, the endpoint configuration, the close reason, the error, or the
 * message (whole, or one part and whether it is the last). {@link ArgumentSource}s pick their
 * argument from it.
 */
record Invocation(Session session, EndpointConfig config, CloseReason closeReason, Throwable error,
                  Object message, boolean last) {

    static Invocation opening(Session session, EndpointConfig config) {
        return new Invocation(session, config, null, null, null, true);
    }

    static Invocation closing(Session session, CloseReason reason) {
        return new Invocation(session, null, reason, null, null, true);
    }

    static Invocation failing(Session session, Throwable error) {
        return new Invocation(session, null, null, error, null, true);
    }

    static Invocation receiving(Session session, Object message, boolean last) {
        return new Invocation(session, null, null, null, message, last);
    }
}
