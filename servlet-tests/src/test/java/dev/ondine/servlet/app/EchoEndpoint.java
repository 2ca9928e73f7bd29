package dev.ondine.servlet.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** Annotated, with a path parameter, a decoder and an encoder. */
@ServerEndpoint(value = "/echo/{room}", decoders = CommandDecoder.class, encoders = ReplyEncoder.class)
public class EchoEndpoint {
    @OnMessage
    public Reply command(Command command, @PathParam("room") String room, Session session) {
        return new Reply(room, command.text(), Report.of(session));
    }
}
