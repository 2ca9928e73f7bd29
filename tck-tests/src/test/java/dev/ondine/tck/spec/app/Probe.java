package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the server side of a test application saw, for the client to ask: endpoints record
 * events ({@link #record}), and each text message to {@code /probe} is answered with the
 * next event (waiting up to 5 s), or {@code "none"}. Every test WAR has its own copy, so
 * events never cross applications.
 */
@ServerEndpoint("/probe")
public class Probe {
    private static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    public static void record(String event) {
        EVENTS.add(event);
    }

    @OnMessage
    public String next(String ignored) throws InterruptedException {
        String e = EVENTS.poll(5, TimeUnit.SECONDS);
        return e == null ? "none" : e;
    }
}
