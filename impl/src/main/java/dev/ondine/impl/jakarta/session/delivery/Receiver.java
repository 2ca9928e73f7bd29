package dev.ondine.impl.jakarta.session.delivery;

import dev.ondine.impl.core.PartSink;
import dev.ondine.impl.jakarta.codec.MessageKind;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where the messages a session's connection reports go, from the reading thread to the
 * {@link MessageSink} of the handler registered for their kind.
 *
 * <p>Whole or in pieces is decided in one place, once per message, at its first frame
 * ({@link #textParts()}, {@link #binaryParts()}): the pieces of a message that begins before
 * the endpoint's {@code onOpen} returned go to an {@link EarlySink}, to wait for the handlers
 * {@code onOpen} registers; otherwise the handler registered now decides, and the pieces go
 * to the sink it returned until the message ends, whatever is registered meanwhile. A
 * message taken whole is handed to the handler registered when its turn comes on the
 * session's executor, or dropped if there is none (the session stays open).
 */
public final class Receiver {
    private final Inbox inbox;
    private final RegisteredHandlers handlers;
    private final BooleanSupplier opened;
    private final EarlySink<String> earlyText;
    private final EarlySink<ByteBuffer> earlyBinary;
    /** A whole message goes to the handler registered when its turn comes on the executor. */
    private final Consumer<String> textDelivery;
    private final Consumer<ByteBuffer> binaryDelivery;

    /**
     * @param opened         whether the endpoint's {@code onOpen} has returned
     * @param maxTextBytes   the session's text buffer size as it stands
     * @param maxBinaryBytes the session's binary buffer size as it stands
     */
    public Receiver(Inbox inbox, RegisteredHandlers handlers, BooleanSupplier opened,
                    LongSupplier maxTextBytes, LongSupplier maxBinaryBytes) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.opened = opened;
        this.earlyText = EarlySink.text(inbox, handlers::text, maxTextBytes);
        this.earlyBinary = EarlySink.binary(inbox, handlers::binary, maxBinaryBytes);
        this.textDelivery = message -> deliver(handlers.text(), MessageKind.TEXT, message);
        this.binaryDelivery = message -> deliver(handlers.binary(), MessageKind.BINARY, message);
    }

    /** At a text message's first frame: where its pieces go, or null for the message whole. */
    public PartSink<String> textParts() {
        return parts(earlyText, handlers.text());
    }

    /** As {@link #textParts()}, for a binary message. */
    public PartSink<ByteBuffer> binaryParts() {
        return parts(earlyBinary, handlers.binary());
    }

    private <T> PartSink<T> parts(EarlySink<T> early, MessageSink<T> registered) {
        if (!opened.getAsBoolean()) {
            return early;
        }
        return registered == null ? null : registered.pieces();
    }

    /** A whole text message, assembled by the core. */
    public void text(String message) {
        inbox.deliver(message, message.length(), textDelivery);
    }

    /** A whole binary message, assembled by the core (the buffer is the receiver's). */
    public void binary(ByteBuffer message) {
        inbox.deliver(message, message.remaining(), binaryDelivery);
    }

    /**
     * A pong's application data, valid during the call (RFC 6455 §5.5.3: an unsolicited pong
     * needs no answer, so without a pong handler it is dropped). Not counted in the backlog:
     * its size is bounded by the control frame limit.
     */
    public void pong(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        inbox.execute(() -> {
            MessageSink<ByteBuffer> sink = handlers.pong();
            if (sink != null) {
                sink.whole(copy);
            }
        });
    }

    private <T> void deliver(MessageSink<T> registered, MessageKind kind, T message) {
        if (registered == null) {
            inbox.dropped(kind);
        } else {
            registered.whole(message);
        }
    }
}
