package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Records {@code sendObject} calls, or fails them with a preset exception. Only
 * {@code sendObject} is expected from the annotated-endpoint adapter; the rest throw.
 */
final class RecordingBasicRemote implements RemoteEndpoint.Basic {

    final List<Object> sentObjects = new ArrayList<>();
    private Exception failure;

    /** Makes every following {@code sendObject} throw {@code e} (an IOException, EncodeException or unchecked). */
    void failWith(Exception e) {
        this.failure = e;
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof EncodeException) {
            throw (EncodeException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        sentObjects.add(data);
    }

    @Override
    public void sendText(String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OutputStream getSendStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Writer getSendWriter() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean getBatchingAllowed() {
        return false;
    }

    @Override
    public void flushBatch() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPong(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }
}
