package dev.ondine.bench.server;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** The load tests' echo: a text or binary message goes back whole, as the method's return value. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage(maxMessageSize = BenchEndpoints.MAX_MESSAGE_BYTES)
    public String onText(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = BenchEndpoints.MAX_MESSAGE_BYTES)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
