package dev.ondine.impl.jakarta.session.delivery;

import jakarta.websocket.DecodeException;
import jakarta.websocket.MessageHandler;

/**
 * {@code MessageHandler.Whole<T>} for a type a decoder produces (Jakarta WebSocket 2.2
 * §4.7): a configured decoder, or one of the container's own conversions (primitives and
 * their boxes). A decoding failure reaches the endpoint's {@code onError}, and the handler
 * is not called.
 *
 * @param <T> {@code String} for a text decoder, {@code ByteBuffer} for a binary one
 */
final class DecodedSink<T> extends MessageSink<T> {

    /** One kind of the session's decoders, for one type. */
    @FunctionalInterface
    interface Decoding<T> {
        Object decode(Class<?> type, T message) throws DecodeException;
    }

    private final Class<?> type;
    private final Decoding<T> decoding;

    DecodedSink(MessageHandler handler, Inbox inbox, Class<?> type, Decoding<T> decoding) {
        super(handler, inbox);
        this.type = type;
        this.decoding = decoding;
    }

    @Override
    public void whole(T message) {
        Object decoded;
        try {
            decoded = decoding.decode(type, message);
        } catch (DecodeException e) {
            inbox.handlerFailed(e);
            return;
        }
        invokeWhole(decoded);
    }
}
