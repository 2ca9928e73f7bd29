package dev.ondine.impl.jakarta.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * A programmatic client endpoint that records "open" (with the thread-visible flag
 * {@link #opened}), every text message, the {@link CloseReason} and errors.
 */
public class RecordingEndpoint extends Endpoint {
    /** The events of instances the container creates from the class (one test at a time). */
    static final Events CLASS_EVENTS = new Events();

    final Events events;
    volatile boolean opened;

    public RecordingEndpoint() {
        this(CLASS_EVENTS);
    }

    RecordingEndpoint(Events events) {
        this.events = events;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) events::add);
        opened = true;
        events.add("open");
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        events.add(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        events.add(thr);
    }
}
