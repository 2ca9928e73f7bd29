package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.MessageHandler;

/** Delivers message parts of type {@code T} to a partial {@code @OnMessage} method. */
final class PartialMessageHandler<T> implements MessageHandler.Partial<T> {

    private final MessageDispatcher dispatcher;

    PartialMessageHandler(MessageDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void onMessage(T part, boolean last) {
        dispatcher.dispatch(part, last);
    }

    @Override
    public String toString() {
        return "partial message handler for " + dispatcher;
    }
}
