package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.MessageType;
import dev.ondine.impl.core.SendKind;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.jakarta.codec.EncodedMessage;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;

/**
 * {@code RemoteEndpoint.Basic} (Jakarta WebSocket 2.2 §2.1.4): each send returns once its
 * frame has been handed to the transport, or throws. A blocking sender is never refused for
 * a full outgoing queue; it waits, so a slow peer slows it down rather than grows memory,
 * at most the blocking send timeout (then the connection is ended: {@link #awaitUnlessBatched}).
 * From a callback on the reading thread ({@link dev.ondine.api.OnReadingThread}) a send
 * returns once queued, and fails at once while the outgoing queue is at its limit.
 */
final class BasicRemote extends AbstractRemote implements RemoteEndpoint.Basic {
    private final TextFragments textFragments = new TextFragments();

    BasicRemote(OndineSession session, long blockingSendTimeoutMillis) {
        super(session, blockingSendTimeoutMillis);
    }

    void sendBlocking(MessageType type, ByteBuffer data, boolean last) throws IOException {
        WebSocketConnection c = connection();
        if (session.sendsFromReadingThread()) {
            IOException full = refusedOnReadingThread(c);
            if (full != null) {
                throw full;
            }
        }
        BlockingSend send = new BlockingSend();
        c.send(type, data, last, SendKind.BLOCKING, send);
        awaitUnlessBatched(c, send);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireNonNull(text, "text");
        sendBlocking(MessageType.TEXT, Utf8Cache.encode(text), true);
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireNonNull(data, "data");
        sendBlocking(MessageType.BINARY, data.duplicate(), true);
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireNonNull(partialMessage, "partialMessage");
        sendBlocking(MessageType.TEXT, textFragments.encode(partialMessage, isLast), isLast);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireNonNull(partialByte, "partialByte");
        sendBlocking(MessageType.BINARY, partialByte.duplicate(), isLast);
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        session.checkNotClosed();
        return new MessageOutputStream(this, session.getMaxBinaryMessageBufferSize() > 0
                ? Math.min(session.getMaxBinaryMessageBufferSize(), 64 * 1024) : 8192);
    }

    @Override
    public Writer getSendWriter() throws IOException {
        session.checkNotClosed();
        return new MessageWriter(this, session.getMaxTextMessageBufferSize() > 0
                ? Math.min(session.getMaxTextMessageBufferSize(), 64 * 1024) : 8192);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        requireNonNull(data, "data");
        EncodedMessage encoded = session.encoders().encode(data);
        if (encoded.isText()) {
            sendText(encoded.text());
        } else {
            sendBinary(encoded.binary());
        }
    }

    private static void requireNonNull(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
