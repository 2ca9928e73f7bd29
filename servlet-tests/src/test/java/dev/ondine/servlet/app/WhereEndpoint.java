package dev.ondine.servlet.app;

import dev.ondine.api.ConnectionInfo;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Tells the client, as soon as it opens, where the configurator and the session saw it come from. */
@ServerEndpoint(value = "/where", configurator = WhereConfigurator.class)
public class WhereEndpoint {
    @OnOpen
    public void open(Session session) throws IOException {
        ConnectionInfo c = ConnectionInfo.of(session);
        session.getBasicRemote().sendText("checkOrigin=" + session.getUserProperties().get("checkOrigin")
                + " modifyHandshake=" + session.getUserProperties().get("modifyHandshake")
                + " session=" + c.remoteAddress() + ">" + c.localAddress()
                + " properties=" + session.getUserProperties().get(ConnectionInfo.REMOTE_ADDRESS)
                + ">" + session.getUserProperties().get(ConnectionInfo.LOCAL_ADDRESS) + " secure=" + c.secure());
    }
}
