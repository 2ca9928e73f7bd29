package dev.ondine.servlet.app;

import dev.ondine.api.OnReadingThread;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Asks for its callbacks on the reading thread, which a servlet container does not give
 * ({@link OnReadingThread}): it answers with the name of the thread that ran it.
 */
@OnReadingThread
@ServerEndpoint("/readingthread")
public class ReadingThreadEchoEndpoint {
    @OnMessage
    public String echo(String message) {
        return message + " thread=" + Thread.currentThread().getName();
    }
}
