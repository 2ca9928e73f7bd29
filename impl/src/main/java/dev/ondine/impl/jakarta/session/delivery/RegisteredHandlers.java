package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.jakarta.codec.Decoders;
import dev.ondine.impl.jakarta.codec.MessageKind;
import dev.ondine.impl.jakarta.codec.PrimitiveConversions;
import jakarta.websocket.MessageHandler;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The message handlers of one session, each with the {@link MessageSink} chosen for it when
 * it was added. Jakarta WebSocket 2.2 §2.1.3, {@code Session.addMessageHandler}: at most one
 * handler per native message type (text, binary, pong); another one is an
 * IllegalStateException, as is a type that no decoder can produce. A whole handler of a type
 * that has both a text and a binary decoder takes both places (see {@link Decoders#kindsOf}).
 * Read from any thread; changed under this object's lock.
 */
public final class RegisteredHandlers {
    private final Inbox inbox;
    private final Decoders decoders;
    private volatile MessageSink<String> text;
    private volatile MessageSink<ByteBuffer> binary;
    private volatile MessageSink<ByteBuffer> pong;

    public RegisteredHandlers(Inbox inbox, Decoders decoders) {
        this.inbox = inbox;
        this.decoders = decoders;
    }

    /** The text handler's sink, or null. */
    public MessageSink<String> text() {
        return text;
    }

    /** The binary handler's sink, or null. */
    public MessageSink<ByteBuffer> binary() {
        return binary;
    }

    /** The pong handler's sink, or null. */
    public MessageSink<ByteBuffer> pong() {
        return pong;
    }

    /**
     * Adds {@code handler} for messages of {@code type}, a {@code Whole} handler if
     * {@code whole}, else a {@code Partial} one.
     *
     * @throws IllegalStateException if a handler of the same native type is registered, or
     *         no decoder produces {@code type}
     */
    public synchronized void add(MessageHandler handler, Class<?> type, boolean whole) {
        MessageSink<String> newText = null;
        MessageSink<ByteBuffer> newBinary = null;
        MessageSink<ByteBuffer> newPong = null;
        if (whole) {
            Class<?> boxed = PrimitiveConversions.box(type);
            Set<MessageKind> kinds = decoders.kindsOf(boxed);
            if (kinds.isEmpty()) {
                throw new IllegalStateException("No decoder for messages of type " + type.getName()
                        + " (handler " + handler.getClass().getName() + ")");
            }
            for (MessageKind kind : kinds) {
                switch (kind) {
                    case TEXT -> newText = wholeText(handler, boxed);
                    case BINARY -> newBinary = wholeBinary(handler, boxed);
                    case PONG -> newPong = new PongSink(handler, inbox);
                }
            }
        } else if (type == String.class) {
            newText = new PartialSink<>(handler, inbox, String::length, Function.identity());
        } else if (type == ByteBuffer.class) {
            newBinary = new PartialSink<>(handler, inbox, ByteBuffer::remaining, Function.identity());
        } else if (type == byte[].class) {
            newBinary = new PartialSink<>(handler, inbox, ByteBuffer::remaining, ByteArraySink::toArray);
        } else {
            throw new IllegalStateException("A partial handler takes String, ByteBuffer or byte[], not " + type.getName());
        }
        refuseSecond("text", newText, text);
        refuseSecond("binary", newBinary, binary);
        refuseSecond("pong", newPong, pong);
        if (newText != null) {
            text = newText;
        }
        if (newBinary != null) {
            binary = newBinary;
        }
        if (newPong != null) {
            pong = newPong;
        }
    }

    /**
     * The sink of a {@code Whole<type>} text handler. A type that a configured decoder
     * produces is decoded, even {@code String} and {@code Reader}: configured decoders come
     * before the built-in conversions (§4.7).
     */
    private MessageSink<String> wholeText(MessageHandler handler, Class<?> type) {
        if (!decoders.hasConfigured(type, MessageKind.TEXT)) {
            if (type == String.class) {
                return new WholeSink<>(handler, inbox);
            }
            if (type == Reader.class) {
                return new StreamSink<>(handler, inbox, String::length, StringReader::new, MessageReader::new);
            }
        }
        return new DecodedSink<>(handler, inbox, type, decoders::decodeText);
    }

    /**
     * The sink of a {@code Whole<type>} binary handler; as {@link #wholeText}, a configured
     * decoder comes first (the official TCK registers a {@code Whole<InputStream>} handler
     * beside a {@code Decoder.Binary<InputStream>}, {@code session11.client}).
     */
    private MessageSink<ByteBuffer> wholeBinary(MessageHandler handler, Class<?> type) {
        if (!decoders.hasConfigured(type, MessageKind.BINARY)) {
            if (type == ByteBuffer.class) {
                return new WholeSink<>(handler, inbox);
            }
            if (type == byte[].class) {
                return new ByteArraySink(handler, inbox);
            }
            if (type == InputStream.class) {
                return new StreamSink<>(handler, inbox, ByteBuffer::remaining,
                        message -> new ByteArrayInputStream(ByteArraySink.toArray(message)), MessageInputStream::new);
            }
        }
        return new DecodedSink<>(handler, inbox, type, decoders::decodeBinary);
    }

    private static void refuseSecond(String kind, MessageSink<?> added, MessageSink<?> existing) {
        if (added != null && existing != null) {
            throw new IllegalStateException("A " + kind + " message handler is already registered: " + existing.handler());
        }
    }

    /** Removes {@code handler} from every place it holds. */
    public synchronized void remove(MessageHandler handler) {
        if (text != null && text.handler() == handler) {
            text = null;
        }
        if (binary != null && binary.handler() == handler) {
            binary = null;
        }
        if (pong != null && pong.handler() == handler) {
            pong = null;
        }
    }

    /** The registered handlers. */
    public Set<MessageHandler> all() {
        Set<MessageHandler> all = new HashSet<>();
        for (MessageSink<?> sink : new MessageSink<?>[] {text, binary, pong}) {
            if (sink != null) {
                all.add(sink.handler());
            }
        }
        return Collections.unmodifiableSet(all);
    }
}
