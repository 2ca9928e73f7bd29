package dev.ondine.impl.jakarta.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A session whose endpoint has more received messages waiting corks its replies until the
 * last is handled (design.md, "Corking"). An asynchronous send must not be held that way:
 * a handler may wait for the send's {@code Future} or {@code SendHandler} (the TCK's
 * remote endpoint tests do, for up to ten seconds) and would wait for its own task to end.
 */
class CorkingAndAsyncSendsTest {

    /** Holds its first messages back (slow onOpen), then waits for each async send it makes. */
    @ServerEndpoint("/awaits-async")
    public static class AwaitsItsAsyncSend {
        @OnOpen
        public void open() throws InterruptedException {
            Thread.sleep(300); // the client's messages queue up behind this
        }

        @OnMessage
        public String message(String m, Session session) throws Exception {
            try {
                if (m.startsWith("future")) {
                    session.getAsyncRemote().sendText("sent:" + m).get(2, TimeUnit.SECONDS);
                    return "done:" + m;
                }
                CompletableFuture<SendResult> result = new CompletableFuture<>();
                session.getAsyncRemote().sendText("sent:" + m, result::complete);
                return "done:" + m + ":" + result.get(2, TimeUnit.SECONDS).isOK();
            } catch (TimeoutException e) {
                return "timed out:" + m;
            }
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(AwaitsItsAsyncSend.class));

    @Test
    void anAsyncSendCompletesWhileMoreMessagesWaitBehindItsTask() throws Exception {
        EventClient client = SERVER.connect("/awaits-async");
        try {
            client.send("handler-1");
            client.send("future-2");
            client.send("handler-3");
            Set<String> got = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                String text = client.texts.poll(10, TimeUnit.SECONDS);
                assertNotNull(text, "received so far: " + got);
                got.add(text);
            }
            assertEquals(Set.of("sent:handler-1", "done:handler-1:true", "sent:future-2", "done:future-2",
                    "sent:handler-3", "done:handler-3:true"), got);
        } finally {
            client.close();
        }
    }
}
