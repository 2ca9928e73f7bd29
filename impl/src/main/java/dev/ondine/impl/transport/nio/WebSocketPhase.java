package dev.ondine.impl.transport.nio;

import dev.ondine.impl.core.WebSocketConnection;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The phase of a socket after its opening handshake: every byte to its WebSocket connection. */
record WebSocketPhase(WebSocketConnection connection) implements NioChannel.Phase {

    @Override
    public void onRead(ByteBuffer bytes) {
        connection.onBytesReceived(bytes);
    }

    @Override
    public void onWritable() {
        connection.onWritable();
    }

    @Override
    public void onClosed(IOException cause) {
        connection.onTransportClosed(cause);
    }
}
