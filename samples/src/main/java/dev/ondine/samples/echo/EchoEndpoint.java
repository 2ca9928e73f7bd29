package dev.ondine.samples.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/**
 * The echo: every text and binary message goes back whole, as it came. Conformance and
 * load suites drive it, so it accepts messages up to {@value #MAX_MESSAGE_BYTES} bytes, and
 * pages of any origin (it is public: see {@link PublicEndpointConfigurator}).
 */
@ServerEndpoint(value = "/echo", configurator = PublicEndpointConfigurator.class)
public class EchoEndpoint {
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public String onText(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
