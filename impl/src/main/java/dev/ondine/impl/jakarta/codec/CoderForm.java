package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

/**
 * The four forms an encoder or a decoder takes (the nested interfaces of
 * {@code Encoder} and {@code Decoder}): whole text, text stream, whole binary, binary stream.
 */
public enum CoderForm {
    TEXT(Encoder.Text.class, Decoder.Text.class, MessageKind.TEXT),
    TEXT_STREAM(Encoder.TextStream.class, Decoder.TextStream.class, MessageKind.TEXT),
    BINARY(Encoder.Binary.class, Decoder.Binary.class, MessageKind.BINARY),
    BINARY_STREAM(Encoder.BinaryStream.class, Decoder.BinaryStream.class, MessageKind.BINARY);

    private final Class<?> encoderInterface;
    private final Class<?> decoderInterface;
    private final MessageKind kind;

    CoderForm(Class<?> encoderInterface, Class<?> decoderInterface, MessageKind kind) {
        this.encoderInterface = encoderInterface;
        this.decoderInterface = decoderInterface;
        this.kind = kind;
    }

    public Class<?> encoderInterface() {
        return encoderInterface;
    }

    public Class<?> decoderInterface() {
        return decoderInterface;
    }

    /** The native message this form reads or writes. */
    public MessageKind kind() {
        return kind;
    }
}
