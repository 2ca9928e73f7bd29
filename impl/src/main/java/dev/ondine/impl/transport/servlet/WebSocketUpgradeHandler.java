package dev.ondine.impl.transport.servlet;

import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes over a connection the servlet container has upgraded ({@code HttpServletRequest.upgrade}):
 * the container creates it, Ondine {@linkplain #prepare prepares} it with the accepted
 * {@link Upgrade} before the request returns, and {@link #init} starts a
 * {@link WebSocketConnection} over a {@link ServletTransport}.
 */
public final class WebSocketUpgradeHandler implements HttpUpgradeHandler {
    private static final Logger LOG = Logger.getLogger(WebSocketUpgradeHandler.class.getName());

    private Upgrade upgrade;
    private ServletRuntime runtime;
    private boolean secure;
    private SocketAddress remote;
    private SocketAddress local;
    private volatile ServletTransport transport;

    /** Created by the servlet container. */
    public WebSocketUpgradeHandler() {
    }

    void prepare(Upgrade upgrade, ServletRuntime runtime, boolean secure, SocketAddress remote, SocketAddress local) {
        this.upgrade = upgrade;
        this.runtime = runtime;
        this.secure = secure;
        this.remote = remote;
        this.local = local;
    }

    @Override
    public void init(WebConnection webConnection) {
        if (upgrade == null) {
            LOG.warning("An upgraded connection reached Ondine without a WebSocket handshake; closing it");
            close(webConnection);
            return;
        }
        try {
            // Servlet 6.0 §2.3.3.5: init runs after the container has completed the request's
            // processing and handed the connection over, so a flush here cannot reach the HTTP
            // layer early. Some containers (Payara) leave the 101 response in their output
            // buffer until the upgraded connection writes: push it out before anything else
            // happens. Where the container has written the 101 itself before init (Jetty 12:
            // ServletChannel.doUpgrade flushes, starts the tunnel, then calls init) this flush
            // has nothing to send.
            webConnection.getOutputStream().flush();
            ServletTransport t = new ServletTransport(webConnection, runtime, secure, remote, local);
            transport = t;
            t.start(upgrade.newConnection(Role.SERVER, t, null));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot start a WebSocket connection on the upgraded connection", e);
            close(webConnection);
        }
    }

    @Override
    public void destroy() {
        ServletTransport t = transport;
        if (t != null) {
            t.closeNow(null);
        }
    }

    private static void close(WebConnection c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing an upgraded connection", e);
        }
    }
}
