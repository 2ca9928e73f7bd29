package dev.ondine.tck.spec.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Close codes and reasons (§2.1.1, CloseReason): both directions. */
public final class CloseApp {
    private CloseApp() {
    }

    @ServerEndpoint("/close")
    public static class Closer {
        @OnMessage
        public void onMessage(String text, Session s) throws IOException {
            String[] p = text.split(" ", 2);
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(p[0])), p.length > 1 ? p[1] : ""));
        }

        @OnClose
        public void onClose(CloseReason reason) {
            Probe.record(reason.getCloseCode().getCode() + ":" + reason.getReasonPhrase());
        }
    }
}
