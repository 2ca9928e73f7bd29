package dev.ondine.servlet.app;

import dev.ondine.api.ConnectionInfo;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Records the connection's two ends as the configurator sees them: in {@code checkOrigin}
 * ({@link ConnectionInfo#current()}), and in {@code modifyHandshake} ({@link ConnectionInfo#of}
 * and the user properties), as "remote&gt;local", for {@link WhereEndpoint} to report.
 */
public class WhereConfigurator extends ServerEndpointConfig.Configurator {
    private static final ThreadLocal<String> SEEN_BY_CHECK_ORIGIN = new ThreadLocal<>();

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        ConnectionInfo c = ConnectionInfo.current();
        SEEN_BY_CHECK_ORIGIN.set(c == null ? "none" : c.remoteAddress() + ">" + c.localAddress());
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        ConnectionInfo c = ConnectionInfo.of(request);
        sec.getUserProperties().put("checkOrigin", SEEN_BY_CHECK_ORIGIN.get());
        SEEN_BY_CHECK_ORIGIN.remove();
        sec.getUserProperties().put("modifyHandshake", c.remoteAddress() + ">" + c.localAddress()
                + " properties=" + sec.getUserProperties().get(ConnectionInfo.REMOTE_ADDRESS)
                + ">" + sec.getUserProperties().get(ConnectionInfo.LOCAL_ADDRESS));
    }
}
