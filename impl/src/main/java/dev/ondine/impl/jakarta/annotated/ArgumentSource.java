package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.DecodeException;

/**
 * Produces the argument for one parameter of an annotated method, decided once at deployment
 * so that a call only reads values, never inspects the method.
 */
interface ArgumentSource {

    /**
     * @throws DecodeException if a {@code @PathParam} segment cannot be converted to the
     *         parameter's type (Jakarta WebSocket 2.2 §4.3, WSC-4.3-6)
     */
    Object resolve(Invocation invocation) throws DecodeException;
}
