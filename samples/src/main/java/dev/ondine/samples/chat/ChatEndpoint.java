package dev.ondine.samples.chat;

import dev.ondine.api.broadcast.Group;
import dev.ondine.api.broadcast.Groups;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat room per path: {@code /chat/{room}?user=NAME}. Messages are JSON
 * ({@link ChatMessageCodec}); everyone in the room receives every message and the join and
 * leave notices of the others. A room is a broadcast group ({@link Groups}): each message is
 * encoded once for all its members, and reaches the members on the other nodes when the
 * server has a relay (the runnable jar's {@code --cluster}). A session that asks with
 * {@code &node=1} (the chat page does) first receives a {@link ChatNode.Notice}: which node serves
 * it, and the other nodes' pages.
 */
@ServerEndpoint(value = "/chat/{room}", encoders = ChatMessageCodec.class, decoders = ChatMessageCodec.class)
public class ChatEndpoint {
    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    private static final String USER = "chat.user";

    @OnOpen
    public void onOpen(Session session, @PathParam("room") String room) {
        String user = session.getRequestParameterMap().getOrDefault("user", List.of("anonymous")).get(0);
        session.getUserProperties().put(USER, user);
        if (session.getRequestParameterMap().getOrDefault("node", List.of()).contains("1")) {
            session.getAsyncRemote().sendText(ChatMessageCodec.toJson(ChatNode.notice()));
        }
        Group group = room(session, room);
        group.join(session);
        group.publish(ChatMessageCodec.toJson(ChatMessage.joined(user)));
    }

    @OnMessage
    public void onMessage(Session session, ChatMessage message, @PathParam("room") String room) {
        String user = (String) session.getUserProperties().get(USER);
        room(session, room).publish(ChatMessageCodec.toJson(ChatMessage.said(user, message.text())));
    }

    /** The session has left its room already (a member leaves when its connection ends). */
    @OnClose
    public void onClose(Session session, @PathParam("room") String room) {
        room(session, room).publish(ChatMessageCodec.toJson(ChatMessage.left((String) session.getUserProperties().get(USER))));
    }

    @OnError
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "Chat session " + session.getId() + " failed", error);
    }

    /** The room's group: {@code chat/ROOM}. */
    static Group room(Session session, String room) {
        return Groups.of(session).group("chat/" + room);
    }
}
