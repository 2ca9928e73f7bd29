package dev.ondine.servlet;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Groups in a web application on embedded Tomcat: {@code Groups.of(session)} in a WAR's endpoint. */
class BroadcastOnTomcatTest {

    @Test
    void aPublishInAWarReachesEveryMemberOfTheRoom() throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat()) {
            tomcat.addWebapp("/chat", "dev.ondine.servlet.broadcast", null);
            tomcat.start();
            WebSocketContainer client = OndineClients.newContainer();
            URI room = URI.create("ws://127.0.0.1:" + tomcat.port() + "/chat/room/lobby");
            List<BlockingQueue<String>> inboxes = new ArrayList<>();
            List<Session> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
                    inboxes.add(inbox);
                    sessions.add(client.connectToServer(new Endpoint() {
                        @Override
                        public void onOpen(Session session, EndpointConfig config) {
                            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) inbox::add);
                        }
                    }, ClientEndpointConfig.Builder.create().build(), room));
                    assertEquals("joined lobby", inbox.poll(10, TimeUnit.SECONDS));
                }
                sessions.get(1).getBasicRemote().sendText("hello");
                for (BlockingQueue<String> inbox : inboxes) {
                    assertEquals("hello (3 here)", inbox.poll(10, TimeUnit.SECONDS));
                }
                sessions.get(0).close();
                String next = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!"again (2 here)".equals(next) && System.nanoTime() < deadline) {
                    sessions.get(2).getBasicRemote().sendText("again");
                    next = inboxes.get(2).poll(10, TimeUnit.SECONDS);
                }
                assertEquals("again (2 here)", next, "the closed session left the room");
            } finally {
                for (Session s : sessions) {
                    if (s.isOpen()) {
                        s.close();
                    }
                }
            }
        }
    }
}
