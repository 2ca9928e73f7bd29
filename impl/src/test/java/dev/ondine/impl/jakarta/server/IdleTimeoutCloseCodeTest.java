package dev.ondine.impl.jakarta.server;

import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jakarta WebSocket 2.2 §2.1.5: when the local container closes a session because it timed
 * out, the endpoint's own onClose gets 1006 (the peer still gets a close frame it may see;
 * 1006 never goes on the wire).
 */
class IdleTimeoutCloseCodeTest {
    static final BlockingQueue<Integer> serverCodes = new LinkedBlockingQueue<>();

    @ServerEndpoint("/idle")
    public static class Idle {
        @OnMessage
        public String onMessage(String m, Session session) {
            session.setMaxIdleTimeout(200);
            return m;
        }

        @OnClose
        public void onClose(CloseReason reason) {
            serverCodes.add(reason.getCloseCode().getCode());
        }
    }

    @Test
    void aSessionTheServerTimesOutIsReportedLocallyAs1006() throws Exception {
        OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).endpoint(Idle.class).start();
        try {
            Session s = OndineClients.newContainer().connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                }
            }, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + server.address().getPort() + "/idle"));
            s.getBasicRemote().sendText("idle");
            assertEquals(1006, serverCodes.poll(5, TimeUnit.SECONDS));
        } finally {
            server.stop();
        }
    }
}
