package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.CoderForm;
import dev.ondine.impl.jakarta.codec.GenericTypes;
import dev.ondine.impl.jakarta.codec.MessageKind;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The application types that an endpoint's declared decoders produce (or encoders consume),
 * split by native message format: a {@code Decoder.Text<T>} or {@code Decoder.TextStream<T>}
 * makes {@code T} a text type, a {@code Decoder.Binary<T>} or {@code Decoder.BinaryStream<T>} a
 * binary type (Jakarta WebSocket 2.2 §4.1.3 and the {@code @OnMessage} javadoc); encoders
 * likewise (§4.1.2). {@code T} is read from the codec's generic interfaces, through
 * superclasses.
 */
final class CodecTypes {

    private final List<Class<?>> textTypes;
    private final List<Class<?>> binaryTypes;

    private CodecTypes(List<Class<?>> textTypes, List<Class<?>> binaryTypes) {
        this.textTypes = List.copyOf(textTypes);
        this.binaryTypes = List.copyOf(binaryTypes);
    }

    static CodecTypes ofDecoders(Class<?> endpointClass, Class<?>[] decoders) throws DeploymentException {
        return of(endpointClass, decoders, "decoder", Decoder.class, CoderForm::decoderInterface);
    }

    static CodecTypes ofEncoders(Class<?> endpointClass, Class<?>[] encoders) throws DeploymentException {
        return of(endpointClass, encoders, "encoder", Encoder.class, CoderForm::encoderInterface);
    }

    private static CodecTypes of(Class<?> endpointClass, Class<?>[] codecs, String attribute, Class<?> root,
                                 Function<CoderForm, Class<?>> interfaceOf) throws DeploymentException {
        List<Class<?>> textTypes = new ArrayList<>();
        List<Class<?>> binaryTypes = new ArrayList<>();
        for (Class<?> codec : codecs) {
            if (!root.isAssignableFrom(codec)) {
                throw DeploymentErrors.onClass(endpointClass, "the " + attribute + " class " + codec.getName()
                        + " does not implement " + root.getName());
            }
            ClassRules.requireCodecClass(endpointClass, codec, attribute);
            boolean recognised = false;
            for (CoderForm form : CoderForm.values()) {
                Class<?> formInterface = interfaceOf.apply(form);
                if (formInterface.isAssignableFrom(codec)) {
                    Class<?> type = typeArgument(endpointClass, codec, formInterface, attribute);
                    (form.kind() == MessageKind.TEXT ? textTypes : binaryTypes).add(type);
                    recognised = true;
                }
            }
            if (!recognised) {
                throw DeploymentErrors.onClass(endpointClass, "the " + attribute + " class " + codec.getName()
                        + " implements none of the Text, TextStream, Binary, BinaryStream forms of " + root.getName());
            }
        }
        return new CodecTypes(textTypes, binaryTypes);
    }

    private static Class<?> typeArgument(Class<?> endpointClass, Class<?> codec, Class<?> form, String attribute)
            throws DeploymentException {
        Class<?> type = GenericTypes.typeArgument(codec, form, 0);
        if (type == null) {
            throw DeploymentErrors.onClass(endpointClass, "cannot determine the type parameter of "
                    + form.getName() + " implemented by the " + attribute + " class " + codec.getName()
                    + ": implement it with a concrete type argument");
        }
        return type;
    }

    /** Types produced by text decoders, or consumed by text encoders, in declaration order. */
    List<Class<?>> textTypes() {
        return textTypes;
    }

    /** Types produced by binary decoders, or consumed by binary encoders, in declaration order. */
    List<Class<?>> binaryTypes() {
        return binaryTypes;
    }
}
