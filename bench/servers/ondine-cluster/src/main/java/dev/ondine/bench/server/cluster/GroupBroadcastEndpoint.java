package dev.ondine.bench.server.cluster;

import dev.ondine.api.broadcast.Groups;
import dev.ondine.bench.server.BenchEndpoints;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The load tests' broadcast on Ondine's broadcast groups: every session joins the group
 * {@code bench}; a text message from any client is published to it (encoded once, and relayed to
 * the other nodes when the server runs with {@code --cluster}).
 */
@ServerEndpoint("/broadcast")
public class GroupBroadcastEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Groups.of(session).group("bench").join(session);
    }

    @OnMessage(maxMessageSize = BenchEndpoints.MAX_MESSAGE_BYTES)
    public void onText(Session session, String message) {
        Groups.of(session).group("bench").publish(message);
    }
}
