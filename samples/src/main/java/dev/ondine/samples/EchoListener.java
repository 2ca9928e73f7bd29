package dev.ondine.samples;

import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.SendCallback;
import dev.ondine.impl.core.WebSocketConnection;

import java.nio.ByteBuffer;

/**
 * The echo endpoint: every text and binary message goes back whole, as it came. It runs on
 * the connection core directly until the Jakarta layer exists to host it as an
 * {@code @ServerEndpoint}.
 */
final class EchoListener implements ConnectionListener {
    private WebSocketConnection connection;

    @Override
    public void onOpen(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onText(String message) {
        connection.sendText(message, SendCallback.NOOP);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        connection.sendBinary(message, SendCallback.NOOP);
    }
}
