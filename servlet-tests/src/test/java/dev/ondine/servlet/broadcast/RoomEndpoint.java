package dev.ondine.servlet.broadcast;

import dev.ondine.api.broadcast.Groups;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** A chat room in a WAR: members join on open; a message is published to the room, with the room's count. */
@ServerEndpoint("/room/{name}")
public class RoomEndpoint {

    @OnOpen
    public void open(Session session, @PathParam("name") String name) throws IOException {
        Groups.of(session).group(name).join(session);
        session.getBasicRemote().sendText("joined " + name);
    }

    @OnMessage
    public void message(Session session, @PathParam("name") String name, String text) {
        var room = Groups.of(session).group(name);
        room.publish(text + " (" + room.presence() + " here)");
    }
}
