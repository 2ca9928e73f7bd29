package dev.ondine.impl.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records every event of a connection as a short string, for assertions. */
class RecordingListener implements ConnectionListener {
    final List<String> events = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    boolean partialText;
    boolean partialBinary;
    WebSocketConnection connection;
    int closeCode = -1;
    String closeReason;

    @Override
    public void onOpen(WebSocketConnection connection) {
        this.connection = connection;
        events.add("open");
    }

    /** The pieces of a text message when {@link #partialText}: recorded as they come. */
    @Override
    public PartSink<String> textParts() {
        return partialText ? (part, last) -> events.add("textPart:" + part + (last ? ":last" : "")) : null;
    }

    @Override
    public PartSink<ByteBuffer> binaryParts() {
        return partialBinary ? (part, last) -> events.add("binaryPart:" + part.remaining() + (last ? ":last" : "")) : null;
    }

    @Override
    public void onText(String message) {
        events.add("text:" + message);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        events.add("binary:" + message.remaining());
    }

    @Override
    public void onPing(ByteBuffer payload) {
        events.add("ping:" + StandardCharsets.UTF_8.decode(payload.duplicate()));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add("pong:" + StandardCharsets.UTF_8.decode(payload.duplicate()));
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
        events.add("error");
    }

    /** When set, the answer to the peer's close frame waits in {@link #closeAnswer} for the test to run it. */
    boolean holdCloseAnswer;
    Runnable closeAnswer;

    @Override
    public void onCloseFrame(Runnable answer) {
        events.add("closeFrame");
        if (holdCloseAnswer) {
            closeAnswer = answer;
        } else {
            answer.run();
        }
    }

    @Override
    public void onClose(int code, String reason) {
        closeCode = code;
        closeReason = reason;
        events.add("close:" + code);
    }
}
