package dev.ondine.arquillian.listen;

import dev.ondine.arquillian.app.OtherEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Tries to add an endpoint once the archive is deployed, and tells what happened and what the listeners saw. */
@ServerEndpoint("/late")
public class LateEndpoint {
    @OnMessage
    public String late(String ignored) {
        String outcome;
        try {
            Registry.container.addEndpoint(OtherEndpoint.class);
            outcome = "added";
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        return outcome + "|" + String.join(",", Registry.events);
    }
}
