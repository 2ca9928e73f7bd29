package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The decoders of one session: created when the session opens and destroyed when it closes
 * (Jakarta WebSocket 2.2 §4.1.3 and the {@code Decoder} javadoc: a new instance per
 * connection, {@code init(EndpointConfig)} before use, {@code destroy()} at the end).
 *
 * <p>For a handler of type {@code H}, a configured decoder applies when its {@code T} is
 * assignable to {@code H} (what it produces can be passed to the handler). Configured
 * decoders are tried in the order listed, the first willing one decodes (§4.1.3); a stream
 * decoder has no {@code willDecode} and is always willing. After them come the built-ins
 * (§4.7): for text, {@code String} as is, {@code Reader} over the text, and the primitives
 * and boxes by {@link PrimitiveConversions}; for binary, {@code ByteBuffer} as is,
 * {@code byte[]} copied and {@code InputStream} over the bytes.
 */
public final class Decoders {

    private static final String ROLE = "decoder";

    private final List<Decoder> instances;
    private final List<CoderBinding<Decoder>> bindings;
    private final AtomicBoolean destroyed = new AtomicBoolean();

    private Decoders(List<Decoder> instances, List<CoderBinding<Decoder>> bindings) {
        this.instances = instances;
        this.bindings = bindings;
    }

    /**
     * Instantiates each class by its public no-arg constructor and calls
     * {@code init(config)} on it, in the order given.
     *
     * @throws DeploymentException when a class cannot be instantiated, implements no decoder
     *         form, has an unresolvable {@code T}, or its {@code init} throws
     */
    public static Decoders create(List<Class<? extends Decoder>> decoderClasses, EndpointConfig config)
            throws DeploymentException {
        Objects.requireNonNull(decoderClasses, "decoderClasses");
        List<Decoder> instances = new ArrayList<>(decoderClasses.size());
        List<CoderBinding<Decoder>> bindings = new ArrayList<>(decoderClasses.size());
        for (Class<? extends Decoder> type : decoderClasses) {
            Decoder decoder = CoderInstances.instantiate(type, ROLE);
            bindings.addAll(CoderBinding.of(decoder, CoderForm::decoderInterface, ROLE));
            instances.add(decoder);
        }
        CoderInstances.initAll(instances, decoder -> decoder.init(config), Decoder::destroy);
        return new Decoders(List.copyOf(instances), List.copyOf(bindings));
    }

    /**
     * The native messages a whole-message handler of {@code type} receives: empty when
     * nothing can produce that type.
     *
     * <p>The configured decoders decide first: every kind (text, binary) of a decoder whose
     * {@code T} is assignable to {@code type}. A type with both a text and a binary decoder
     * is received from both native formats; {@code Session.addMessageHandler} then takes
     * both of the session's text and binary places (§2.1.3: one handler per native type),
     * as one {@code @OnMessage} method for such a type handles both (§4.7). Without a
     * configured decoder: {@code PongMessage} is pong; {@code String}, {@code Reader}, the
     * primitives and boxes are text; {@code ByteBuffer}, {@code byte[]},
     * {@code InputStream} are binary (§4.7).
     */
    public Set<MessageKind> kindsOf(Class<?> type) {
        Class<?> target = PrimitiveConversions.box(Objects.requireNonNull(type, "type"));
        if (target == PongMessage.class) {
            return EnumSet.of(MessageKind.PONG);
        }
        Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        for (CoderBinding<Decoder> binding : bindings) {
            if (target.isAssignableFrom(binding.type())) {
                kinds.add(binding.form().kind());
            }
        }
        if (kinds.isEmpty() && isBuiltInText(target)) {
            kinds.add(MessageKind.TEXT);
        }
        if (kinds.isEmpty() && isBuiltInBinary(target)) {
            kinds.add(MessageKind.BINARY);
        }
        return kinds;
    }

    /** Whether a configured decoder of {@code kind} produces a value assignable to {@code type}. */
    public boolean hasConfigured(Class<?> type, MessageKind kind) {
        Class<?> target = PrimitiveConversions.box(Objects.requireNonNull(type, "type"));
        for (CoderBinding<Decoder> binding : bindings) {
            if (binding.form().kind() == kind && target.isAssignableFrom(binding.type())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes a whole text message to {@code type}: configured {@code Decoder.Text} and
     * {@code Decoder.TextStream} decoders of a type assignable to it in declaration order,
     * the first whose {@code willDecode} is true decoding; then the built-ins.
     *
     * @throws DecodeException carrying the undecoded text, when no decoder is willing, a
     *         built-in conversion fails, or a decoder fails (its own exception as is; a
     *         runtime or I/O exception wrapped)
     */
    @SuppressWarnings("unchecked")
    public Object decodeText(Class<?> type, String message) throws DecodeException {
        Objects.requireNonNull(message, "message");
        Class<?> target = PrimitiveConversions.box(Objects.requireNonNull(type, "type"));
        for (CoderBinding<Decoder> binding : bindings) {
            if (!target.isAssignableFrom(binding.type())) {
                continue;
            }
            Decoder decoder = binding.coder();
            try {
                if (binding.form() == CoderForm.TEXT) {
                    Decoder.Text<Object> text = (Decoder.Text<Object>) decoder;
                    if (text.willDecode(message)) {
                        return text.decode(message);
                    }
                } else if (binding.form() == CoderForm.TEXT_STREAM) {
                    return ((Decoder.TextStream<Object>) decoder).decode(new StringReader(message));
                }
            } catch (RuntimeException | IOException e) {
                throw new DecodeException(message, decoder.getClass().getName() + " failed", e);
            }
        }
        return decodeTextBuiltIn(target, message);
    }

    /**
     * Decodes a whole binary message to {@code type}: configured {@code Decoder.Binary} and
     * {@code Decoder.BinaryStream} decoders as for text, then the built-ins. Each decoder
     * gets its own view of the bytes, so {@code message}'s position is never moved.
     *
     * @throws DecodeException carrying the undecoded bytes, as for {@link #decodeText}
     */
    @SuppressWarnings("unchecked")
    public Object decodeBinary(Class<?> type, ByteBuffer message) throws DecodeException {
        Objects.requireNonNull(message, "message");
        Class<?> target = PrimitiveConversions.box(Objects.requireNonNull(type, "type"));
        for (CoderBinding<Decoder> binding : bindings) {
            if (!target.isAssignableFrom(binding.type())) {
                continue;
            }
            Decoder decoder = binding.coder();
            try {
                if (binding.form() == CoderForm.BINARY) {
                    Decoder.Binary<Object> binary = (Decoder.Binary<Object>) decoder;
                    if (binary.willDecode(message.duplicate())) {
                        return binary.decode(message.duplicate());
                    }
                } else if (binding.form() == CoderForm.BINARY_STREAM) {
                    return ((Decoder.BinaryStream<Object>) decoder).decode(new ByteBufferInputStream(message));
                }
            } catch (RuntimeException | IOException e) {
                throw new DecodeException(message, decoder.getClass().getName() + " failed", e);
            }
        }
        return decodeBinaryBuiltIn(target, message);
    }

    /** Whether the configuration names no decoders (destroying them then runs no application code). */
    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /** Destroys each decoder once; exceptions are logged, not thrown. */
    public void destroy() {
        if (destroyed.compareAndSet(false, true)) {
            CoderInstances.destroyAll(instances, Decoder::destroy);
        }
    }

    private static boolean isBuiltInText(Class<?> target) {
        return target == String.class || target == Reader.class || PrimitiveConversions.isPrimitiveOrBox(target);
    }

    private static boolean isBuiltInBinary(Class<?> target) {
        return target == ByteBuffer.class || target == byte[].class || target == InputStream.class;
    }

    private static Object decodeTextBuiltIn(Class<?> target, String message) throws DecodeException {
        if (target == String.class) {
            return message;
        }
        if (target == Reader.class) {
            return new StringReader(message);
        }
        if (PrimitiveConversions.isPrimitiveOrBox(target)) {
            try {
                return PrimitiveConversions.parse(target, message);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(message, "cannot convert the message to " + target.getSimpleName(), e);
            }
        }
        throw new DecodeException(message, "no decoder will decode the text message to " + target.getName());
    }

    private static Object decodeBinaryBuiltIn(Class<?> target, ByteBuffer message) throws DecodeException {
        if (target == ByteBuffer.class) {
            return message;
        }
        if (target == byte[].class) {
            byte[] copy = new byte[message.remaining()];
            message.get(message.position(), copy);
            return copy;
        }
        if (target == InputStream.class) {
            return new ByteBufferInputStream(message);
        }
        throw new DecodeException(message, "no decoder will decode the binary message to " + target.getName());
    }
}
