package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.MessageHandler;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;

/**
 * One message handler added to a session, with what was worked out once when it was added:
 * the kind of message it takes, its message type, and how messages reach it.
 */
final class RegisteredHandler {

    /** How a message is handed to the handler. */
    enum Delivery {
        /** {@code Whole<String>}. */
        TEXT,
        /** {@code Whole<Reader>}: the message as a stream of its pieces. */
        TEXT_STREAM,
        /** {@code Partial<String>}. */
        TEXT_PARTIAL,
        /** {@code Whole<T>} decoded from text (primitives and boxes included). */
        TEXT_DECODED,
        /** {@code Whole<ByteBuffer>}. */
        BINARY_BUFFER,
        /** {@code Whole<byte[]>}. */
        BINARY_ARRAY,
        /** {@code Whole<InputStream>}. */
        BINARY_STREAM,
        /** {@code Partial<ByteBuffer>}. */
        BINARY_PARTIAL_BUFFER,
        /** {@code Partial<byte[]>}. */
        BINARY_PARTIAL_ARRAY,
        /** {@code Whole<T>} decoded from binary. */
        BINARY_DECODED,
        /** {@code Whole<PongMessage>}. */
        PONG
    }

    final MessageHandler handler;
    final Class<?> type;
    final MessageKind kind;
    final Delivery delivery;

    RegisteredHandler(MessageHandler handler, Class<?> type, MessageKind kind, Delivery delivery) {
        this.handler = handler;
        this.type = type;
        this.kind = kind;
        this.delivery = delivery;
    }

    /** Whether this handler takes a message piece by piece (partial or stream). */
    boolean wantsPieces() {
        switch (delivery) {
            case TEXT_STREAM:
            case TEXT_PARTIAL:
            case BINARY_STREAM:
            case BINARY_PARTIAL_BUFFER:
            case BINARY_PARTIAL_ARRAY:
                return true;
            default:
                return false;
        }
    }

    /**
     * Works out the delivery of a {@code Whole<type>} handler of {@code kind}. A type that a
     * configured decoder of that kind produces is decoded, even {@code String}, {@code Reader},
     * {@code InputStream} and the other types the container converts itself: configured
     * decoders come before the built-in conversions (§4.7; the official TCK registers a
     * {@code Whole<InputStream>} handler beside a {@code Decoder.Binary<InputStream>},
     * {@code session11.client}).
     */
    static Delivery wholeDelivery(Class<?> type, MessageKind kind, boolean configuredDecoder) {
        if (configuredDecoder && kind != MessageKind.PONG) {
            return kind == MessageKind.TEXT ? Delivery.TEXT_DECODED : Delivery.BINARY_DECODED;
        }
        switch (kind) {
            case PONG:
                return Delivery.PONG;
            case TEXT:
                if (type == String.class) {
                    return Delivery.TEXT;
                }
                return type == Reader.class ? Delivery.TEXT_STREAM : Delivery.TEXT_DECODED;
            default:
                if (type == ByteBuffer.class) {
                    return Delivery.BINARY_BUFFER;
                }
                if (type == byte[].class) {
                    return Delivery.BINARY_ARRAY;
                }
                return type == InputStream.class ? Delivery.BINARY_STREAM : Delivery.BINARY_DECODED;
        }
    }

    /** Works out the delivery of a {@code Partial<type>} handler, or null if the type cannot be partial. */
    static Delivery partialDelivery(Class<?> type) {
        if (type == String.class) {
            return Delivery.TEXT_PARTIAL;
        }
        if (type == ByteBuffer.class) {
            return Delivery.BINARY_PARTIAL_BUFFER;
        }
        if (type == byte[].class) {
            return Delivery.BINARY_PARTIAL_ARRAY;
        }
        return null;
    }
}
