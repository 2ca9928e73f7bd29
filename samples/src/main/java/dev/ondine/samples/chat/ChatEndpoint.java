package dev.ondine.samples.chat;

import jakarta.websocket.EncodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat room per path: {@code /chat/{room}?user=NAME}. Messages are JSON
 * ({@link ChatMessageCodec}); everyone in the room receives every message and the join and
 * leave notices of the others.
 */
@ServerEndpoint(value = "/chat/{room}", encoders = ChatMessageCodec.class, decoders = ChatMessageCodec.class)
public class ChatEndpoint {
    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    private static final String ROOM = "chat.room";
    private static final String USER = "chat.user";

    @OnOpen
    public void onOpen(Session session, @PathParam("room") String room) {
        String user = session.getRequestParameterMap().getOrDefault("user", java.util.List.of("anonymous")).get(0);
        session.getUserProperties().put(ROOM, room);
        session.getUserProperties().put(USER, user);
        broadcast(session, room, ChatMessage.joined(user));
    }

    @OnMessage
    public void onMessage(Session session, ChatMessage message, @PathParam("room") String room) {
        String user = (String) session.getUserProperties().get(USER);
        broadcast(session, room, ChatMessage.said(user, message.text()));
    }

    @OnClose
    public void onClose(Session session, @PathParam("room") String room) {
        broadcast(session, room, ChatMessage.left((String) session.getUserProperties().get(USER)));
    }

    @OnError
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "Chat session " + session.getId() + " failed", error);
    }

    /** Sends {@code message} to every open session of {@code room}, the sender included. */
    private static void broadcast(Session from, String room, ChatMessage message) {
        for (Session s : from.getOpenSessions()) {
            if (room.equals(s.getUserProperties().get(ROOM))) {
                s.getAsyncRemote().sendObject(message, result -> {
                    if (!result.isOK()) {
                        LOG.log(Level.FINE, "A chat message was not delivered", result.getException());
                    }
                });
            }
        }
    }
}
