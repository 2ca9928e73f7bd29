package dev.ondine.impl.jakarta.codec;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The encoders of one session: created when the session opens and destroyed when it closes
 * (Jakarta WebSocket 2.2 §4.1.4 and the {@code Encoder} javadoc: a new instance per
 * connection, {@code init(EndpointConfig)} before use, {@code destroy()} at the end).
 *
 * <p>Selection for {@link #encode}: among the configured encoders whose {@code T} is
 * assignable from the object's runtime class, the most specific wins (an encoder for
 * {@code Circle} before one for {@code Shape}); among candidates none of which is more
 * specific than another (two unrelated interfaces of the object, or the same type twice),
 * the first declared wins, as the spec tries coders "in the order listed". Configured
 * encoders come before the built-ins, so a developer may replace the built-in encoding of
 * {@code String} or {@code Integer}. Built-ins (§4.7 "Java primitives and their class
 * equivalents", and the native types of {@code RemoteEndpoint}): a {@code String} or a
 * boxed primitive is text by {@code String.valueOf}; a {@code ByteBuffer} is binary as is
 * and a {@code byte[]} is wrapped.
 */
public final class Encoders {

    private static final String ROLE = "encoder";

    private final List<Encoder> instances;
    private final List<CoderBinding<Encoder>> bindings;
    /** The binding chosen for each runtime class seen, empty for the built-ins. */
    private final Map<Class<?>, Optional<CoderBinding<Encoder>>> selected = new ConcurrentHashMap<>();
    private final AtomicBoolean destroyed = new AtomicBoolean();

    private Encoders(List<Encoder> instances, List<CoderBinding<Encoder>> bindings) {
        this.instances = instances;
        this.bindings = bindings;
    }

    /**
     * Instantiates each class by its public no-arg constructor and calls
     * {@code init(config)} on it, in the order given.
     *
     * @throws DeploymentException when a class cannot be instantiated, implements no encoder
     *         form, has an unresolvable {@code T}, or its {@code init} throws
     */
    public static Encoders create(List<Class<? extends Encoder>> encoderClasses, EndpointConfig config)
            throws DeploymentException {
        Objects.requireNonNull(encoderClasses, "encoderClasses");
        List<Encoder> instances = new ArrayList<>(encoderClasses.size());
        List<CoderBinding<Encoder>> bindings = new ArrayList<>(encoderClasses.size());
        for (Class<? extends Encoder> type : encoderClasses) {
            Encoder encoder = CoderInstances.instantiate(type, ROLE);
            bindings.addAll(CoderBinding.of(encoder, CoderForm::encoderInterface, ROLE));
            instances.add(encoder);
        }
        CoderInstances.initAll(instances, encoder -> encoder.init(config), Encoder::destroy);
        return new Encoders(List.copyOf(instances), List.copyOf(bindings));
    }

    /**
     * Encodes {@code obj} with the most suitable encoder for its runtime class (see the class
     * comment). A stream encoder writes into a buffer whose content becomes the message.
     *
     * @throws IllegalArgumentException when {@code obj} is null ({@code RemoteEndpoint.sendObject})
     * @throws EncodeException when no encoder applies, an encoder throws it (passed on as
     *         is), returns null, or fails with a runtime exception (wrapped)
     * @throws IOException when a stream encoder's writing fails
     */
    public EncodedMessage encode(Object obj) throws EncodeException, IOException {
        if (obj == null) {
            throw new IllegalArgumentException("cannot send a null object");
        }
        Optional<CoderBinding<Encoder>> binding = selected.computeIfAbsent(obj.getClass(), this::select);
        if (binding.isPresent()) {
            return encodeWith(binding.get(), obj);
        }
        return encodeBuiltIn(obj);
    }

    /** Whether the configuration names no encoders (destroying them then runs no application code). */
    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /** Destroys each encoder once; exceptions are logged, not thrown. */
    public void destroy() {
        if (destroyed.compareAndSet(false, true)) {
            CoderInstances.destroyAll(instances, Encoder::destroy);
        }
    }

    /** The first declared of the most specific configured encoders for {@code runtime}. */
    private Optional<CoderBinding<Encoder>> select(Class<?> runtime) {
        List<CoderBinding<Encoder>> candidates = new ArrayList<>();
        for (CoderBinding<Encoder> binding : bindings) {
            if (binding.type().isAssignableFrom(runtime)) {
                candidates.add(binding);
            }
        }
        for (CoderBinding<Encoder> candidate : candidates) {
            if (candidates.stream().noneMatch(other -> isStrictlyMoreSpecific(other.type(), candidate.type()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isStrictlyMoreSpecific(Class<?> a, Class<?> b) {
        return a != b && b.isAssignableFrom(a);
    }

    @SuppressWarnings("unchecked")
    private static EncodedMessage encodeWith(CoderBinding<Encoder> binding, Object obj)
            throws EncodeException, IOException {
        Encoder encoder = binding.coder();
        try {
            switch (binding.form()) {
                case TEXT -> {
                    String text = ((Encoder.Text<Object>) encoder).encode(obj);
                    return EncodedMessage.ofText(requireResult(text, encoder, obj));
                }
                case TEXT_STREAM -> {
                    StringWriter writer = new StringWriter();
                    ((Encoder.TextStream<Object>) encoder).encode(obj, writer);
                    return EncodedMessage.ofText(writer.toString());
                }
                case BINARY -> {
                    ByteBuffer bytes = ((Encoder.Binary<Object>) encoder).encode(obj);
                    return EncodedMessage.ofBinary(requireResult(bytes, encoder, obj));
                }
                case BINARY_STREAM -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ((Encoder.BinaryStream<Object>) encoder).encode(obj, out);
                    return EncodedMessage.ofBinary(ByteBuffer.wrap(out.toByteArray()));
                }
                default -> throw new AssertionError(binding.form());
            }
        } catch (RuntimeException e) {
            // Developer code failed (§5.5.1); report it as this object's encoding failure.
            throw new EncodeException(obj, encoder.getClass().getName() + " failed", e);
        }
    }

    private static <R> R requireResult(R result, Encoder encoder, Object obj) throws EncodeException {
        if (result == null) {
            throw new EncodeException(obj, encoder.getClass().getName() + " returned null");
        }
        return result;
    }

    private static EncodedMessage encodeBuiltIn(Object obj) throws EncodeException {
        if (obj instanceof String text) {
            return EncodedMessage.ofText(text);
        }
        if (PrimitiveConversions.isPrimitiveOrBox(obj.getClass())) {
            return EncodedMessage.ofText(String.valueOf(obj));
        }
        if (obj instanceof ByteBuffer bytes) {
            return EncodedMessage.ofBinary(bytes);
        }
        if (obj instanceof byte[] bytes) {
            return EncodedMessage.ofBinary(ByteBuffer.wrap(bytes));
        }
        throw new EncodeException(obj, "no encoder for " + obj.getClass().getName());
    }
}
