package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.PrimitiveConversions;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Validates one {@code @OnMessage} method against the forms of the {@code @OnMessage} javadoc
 * (Jakarta WebSocket 2.2 §4.7, WSC-4.7-1) and binds it: besides the Session and
 * {@code @PathParam} parameters, exactly one message parameter, or for parts a message
 * parameter and a {@code boolean}; a {@code maxMessageSize} of -1 or 0..Integer.MAX_VALUE
 * (§4.7.1); and an allowed return type.
 */
final class MessageMethodBinder {

    private final Class<?> endpointClass;
    private final ParameterBinder parameters;
    private final MessageTypeClassifier classifier;
    private final CodecTypes encoders;

    MessageMethodBinder(Class<?> endpointClass, ParameterBinder parameters, CodecTypes decoders, CodecTypes encoders) {
        this.endpointClass = endpointClass;
        this.parameters = parameters;
        this.classifier = new MessageTypeClassifier(decoders);
        this.encoders = encoders;
    }

    MessageMethod bind(Method method) throws DeploymentException {
        ParameterBinder.Binding binding = parameters.bind(method, CallbackRole.MESSAGE);
        ArgumentSource[] sources = binding.sources();
        List<Integer> candidates = binding.unbound();
        Class<?>[] types = method.getParameterTypes();
        MessageShape shape;
        if (candidates.size() == 1) {
            int index = candidates.get(0);
            shape = classifier.whole(types[index]);
            if (shape == null) {
                throw DeploymentErrors.onMethod(endpointClass, method, "parameter " + (index + 1) + " of type "
                        + types[index].getTypeName() + " is not a message type: not String, a primitive or box,"
                        + " Reader, ByteBuffer, byte[], InputStream or PongMessage, and no declared decoder"
                        + " produces it (Jakarta WebSocket 2.2 §4.7, @OnMessage)");
            }
            sources[index] = ContextArgument.MESSAGE;
        } else if (candidates.size() == 2) {
            shape = bindParts(method, types, candidates.get(0), candidates.get(1), sources);
        } else if (candidates.isEmpty()) {
            throw DeploymentErrors.onMethod(endpointClass, method,
                    "no message parameter; @OnMessage needs exactly one (Jakarta WebSocket 2.2 §4.7)");
        } else {
            throw DeploymentErrors.onMethod(endpointClass, method, candidates.size()
                    + " parameters are neither Session nor @PathParam; @OnMessage allows exactly one message"
                    + " parameter, or a message parameter and a boolean for parts (Jakarta WebSocket 2.2 §4.7)");
        }
        long maxMessageSize = method.getAnnotation(OnMessage.class).maxMessageSize();
        checkMaxMessageSize(method, maxMessageSize);
        checkReturnType(method);
        return new MessageMethod(BoundMethod.bind(endpointClass, method, sources), shape, maxMessageSize);
    }

    /** "String and boolean pair", "byte[] and boolean pair, or ByteBuffer and boolean pair" (§4.7). */
    private MessageShape bindParts(Method method, Class<?>[] types, int first, int second, ArgumentSource[] sources)
            throws DeploymentException {
        boolean firstIsFlag = types[first] == boolean.class;
        boolean secondIsFlag = types[second] == boolean.class;
        if (firstIsFlag == secondIsFlag) {
            throw DeploymentErrors.onMethod(endpointClass, method, "two message parameters of types "
                    + types[first].getTypeName() + " and " + types[second].getTypeName()
                    + "; a method receiving parts takes String, ByteBuffer or byte[] and one boolean,"
                    + " otherwise exactly one message parameter is allowed (Jakarta WebSocket 2.2 §4.7)");
        }
        int message = firstIsFlag ? second : first;
        int flag = firstIsFlag ? first : second;
        MessageShape shape = classifier.partial(types[message]);
        if (shape == null) {
            throw DeploymentErrors.onMethod(endpointClass, method, "parts are delivered only as String,"
                    + " ByteBuffer or byte[] with a boolean, not as " + types[message].getTypeName()
                    + " (Jakarta WebSocket 2.2 §4.7)");
        }
        sources[message] = ContextArgument.MESSAGE;
        sources[flag] = ContextArgument.LAST_PART;
        return shape;
    }

    /** Jakarta WebSocket 2.2 §4.7.1: -1 for no maximum, and nothing above Integer.MAX_VALUE. */
    private void checkMaxMessageSize(Method method, long maxMessageSize) throws DeploymentException {
        if (maxMessageSize > Integer.MAX_VALUE) {
            throw DeploymentErrors.onMethod(endpointClass, method, "maxMessageSize " + maxMessageSize
                    + " is larger than Integer.MAX_VALUE, the largest String or ByteBuffer (Jakarta WebSocket 2.2 §4.7.1)");
        }
        if (maxMessageSize < MessageMethod.NO_LIMIT) {
            throw DeploymentErrors.onMethod(endpointClass, method, "maxMessageSize " + maxMessageSize
                    + " is negative; use -1 for no maximum (Jakarta WebSocket 2.2 §4.7.1)");
        }
    }

    /**
     * The {@code @OnMessage} javadoc: "The allowed data types for this return type, other than
     * void, are String, ByteBuffer, byte[], any Java primitive or class equivalent, and
     * anything for which there is an encoder". An encoder matches its type and subclasses
     * (§4.1.2).
     */
    private void checkReturnType(Method method) throws DeploymentException {
        Class<?> type = method.getReturnType();
        if (type == void.class || type == Void.class || type == String.class || type == ByteBuffer.class
                || type == byte[].class || PrimitiveConversions.isPrimitiveOrBox(type)
                || anyEncodes(encoders.textTypes(), type) || anyEncodes(encoders.binaryTypes(), type)) {
            return;
        }
        throw DeploymentErrors.onMethod(endpointClass, method, "return type " + type.getTypeName()
                + " cannot be sent: it is not String, ByteBuffer, byte[], a primitive or box, and no declared"
                + " encoder accepts it (Jakarta WebSocket 2.2 §4.7, @OnMessage)");
    }

    private static boolean anyEncodes(List<Class<?>> encodedTypes, Class<?> valueType) {
        for (Class<?> encoded : encodedTypes) {
            if (encoded.isAssignableFrom(valueType)) {
                return true;
            }
        }
        return false;
    }
}
