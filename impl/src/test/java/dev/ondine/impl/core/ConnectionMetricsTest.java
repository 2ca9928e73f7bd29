package dev.ondine.impl.core;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.ondine.impl.core.Frames.clientText;
import static dev.ondine.impl.core.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the core tells its {@link ConnectionMetrics}: messages counted once per read and once
 * per write-out, not once per message, and nothing lost on the way.
 */
class ConnectionMetricsTest {
    private final InMemoryTransport transport = new InMemoryTransport();
    private final List<String> told = new ArrayList<>();

    private final ConnectionMetrics metrics = new ConnectionMetrics() {
        @Override
        public void messagesReceived(MessageType type, int count, long payloadBytes) {
            told.add("received " + type + " " + count + " " + payloadBytes);
        }

        @Override
        public void messagesSent(MessageType type, int count, long payloadBytes) {
            told.add("sent " + type + " " + count + " " + payloadBytes);
        }
    };

    private WebSocketConnection open(ConnectionListener listener) {
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, listener,
                Upgrade.connectionLimits(Limits.builder().idleTimeoutMillis(0).build()), null, null, metrics);
        transport.connection = c;
        c.start();
        return c;
    }

    @Test
    void threeMessagesInOneReadAreToldOnceAndTheirRepliesOnceAtTheEndOfTheRead() {
        WebSocketConnection[] self = new WebSocketConnection[1];
        self[0] = open(new ConnectionListener() {
            @Override
            public void onText(String message) {
                self[0].sendText(message, SendCallback.NOOP); // replies made while reading
            }
        });
        self[0].onBytesReceived(concat(clientText("a"), clientText("bc"), clientText("def")));
        assertEquals(List.of("received TEXT 3 6", "sent TEXT 3 6"), told);
    }

    @Test
    void sendsHeldByCorkingAreToldWhenTheCorkIsPulled() {
        WebSocketConnection c = open(new ConnectionListener() { });
        c.setCorked(true);
        c.send(MessageType.BINARY, ByteBuffer.allocate(10), true, SendKind.BLOCKING, SendCallback.NOOP);
        c.send(MessageType.BINARY, ByteBuffer.allocate(20), true, SendKind.BLOCKING, SendCallback.NOOP);
        assertEquals(List.of(), told, "held, not yet out");
        c.setCorked(false);
        assertEquals(List.of("sent BINARY 2 30"), told);
    }

    @Test
    void aSendWrittenAtOnceIsToldAtOnceAndPartsCountAsOneMessage() {
        WebSocketConnection c = open(new ConnectionListener() { });
        c.send(MessageType.TEXT, ByteBuffer.wrap(new byte[] {'a'}), false, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        assertEquals(List.of(), told, "the message is not finished");
        c.send(MessageType.TEXT, ByteBuffer.wrap(new byte[] {'b', 'c'}), true, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        assertEquals(List.of("sent TEXT 1 3"), told);
    }
}
