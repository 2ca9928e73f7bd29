package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.PrimitiveConversions;
import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.PongMessage;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The message parameter forms of the {@code @OnMessage} javadoc (Jakarta WebSocket 2.2 §4.7):
 * text — String, a Java primitive or its box, Reader, a type with a text decoder, or String with
 * a boolean for parts; binary — ByteBuffer, byte[], InputStream, a type with a binary decoder,
 * or ByteBuffer/byte[] with a boolean for parts; pong — PongMessage.
 *
 * <p>A built-in form wins over a decoder for the same type. A parameter of type {@code P} has a
 * decoder when a declared decoder produces {@code P} or a subtype of it, since the decoded
 * object can then be passed to the method.
 */
final class MessageTypeClassifier {

    private final CodecTypes decoders;

    MessageTypeClassifier(CodecTypes decoders) {
        this.decoders = decoders;
    }

    /** The shape for a whole-message parameter of {@code type}, or {@code null} if it is no message type. */
    MessageShape whole(Class<?> type) {
        if (type == String.class) {
            return new MessageShape(EnumSet.of(MessageKind.TEXT), String.class, false, true);
        }
        if (PrimitiveConversions.isPrimitiveOrBox(type)) {
            return new MessageShape(EnumSet.of(MessageKind.TEXT), PrimitiveConversions.box(type), false, true);
        }
        if (type == Reader.class) {
            return new MessageShape(EnumSet.of(MessageKind.TEXT), Reader.class, false, false);
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return new MessageShape(EnumSet.of(MessageKind.BINARY), type, false, true);
        }
        if (type == InputStream.class) {
            return new MessageShape(EnumSet.of(MessageKind.BINARY), InputStream.class, false, false);
        }
        if (type == PongMessage.class) {
            return new MessageShape(EnumSet.of(MessageKind.PONG), PongMessage.class, false, false);
        }
        Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        if (anyProduces(decoders.textTypes(), type)) {
            kinds.add(MessageKind.TEXT);
        }
        if (anyProduces(decoders.binaryTypes(), type)) {
            kinds.add(MessageKind.BINARY);
        }
        return kinds.isEmpty() ? null : new MessageShape(kinds, type, false, true);
    }

    /** The shape for the message parameter of a partial method, or {@code null} if parts cannot have that type. */
    MessageShape partial(Class<?> type) {
        if (type == String.class) {
            return new MessageShape(EnumSet.of(MessageKind.TEXT), String.class, true, false);
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return new MessageShape(EnumSet.of(MessageKind.BINARY), type, true, false);
        }
        return null;
    }

    private static boolean anyProduces(List<Class<?>> decodedTypes, Class<?> parameterType) {
        for (Class<?> decoded : decodedTypes) {
            if (parameterType.isAssignableFrom(decoded)) {
                return true;
            }
        }
        return false;
    }
}
