package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.MessageHandler;

/** Delivers whole messages of type {@code T} to an {@code @OnMessage} method. */
final class WholeMessageHandler<T> implements MessageHandler.Whole<T> {

    private final MessageDispatcher dispatcher;

    WholeMessageHandler(MessageDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void onMessage(T message) {
        dispatcher.dispatch(message, true);
    }

    @Override
    public String toString() {
        return "whole message handler for " + dispatcher;
    }
}
