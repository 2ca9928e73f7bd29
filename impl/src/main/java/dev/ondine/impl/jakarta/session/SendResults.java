package dev.ondine.impl.jakarta.session;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes {@link SendResult}s. Jakarta WebSocket 2.2 added constructors that carry the
 * session; application servers that ship the 2.1 API (Payara 6) lack them, so they are
 * found at run time and the 2.1 constructors used where they are missing.
 */
final class SendResults {
    private static final MethodHandle OK_WITH_SESSION = find(Session.class);
    private static final MethodHandle FAILED_WITH_SESSION = find(Session.class, Throwable.class);

    private SendResults() {
    }

    static SendResult ok(Session session) {
        if (OK_WITH_SESSION != null) {
            try {
                return (SendResult) OK_WITH_SESSION.invoke(session);
            } catch (Throwable ignored) {
                // fall back to the 2.1 form
            }
        }
        return new SendResult();
    }

    static SendResult failed(Session session, Throwable cause) {
        if (FAILED_WITH_SESSION != null) {
            try {
                return (SendResult) FAILED_WITH_SESSION.invoke(session, cause);
            } catch (Throwable ignored) {
                // fall back to the 2.1 form
            }
        }
        return new SendResult(cause);
    }

    private static MethodHandle find(Class<?>... parameters) {
        try {
            return MethodHandles.publicLookup().findConstructor(SendResult.class,
                    MethodType.methodType(void.class, parameters));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
