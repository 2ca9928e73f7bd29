package dev.ondine.impl.servlet;

import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.servlet.ServletHandshake;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the application's WebSocket endpoints: a request that asks for a WebSocket upgrade
 * at the path of a deployed endpoint is answered here (the handshake checks of RFC 6455
 * §4.2.1, then the endpoint's configurator, then 101 and the upgrade); every other request
 * goes on down the chain, untouched. The configurator sees the request's user, roles and
 * HTTP session (Jakarta WebSocket 2.2 §7.2).
 */
public final class WebSocketUpgradeFilter implements Filter {
    private final ServletServerContainer container;

    public WebSocketUpgradeFilter(ServletServerContainer container) {
        this.container = container;
    }

    /** The servlet container starts the filter once the application's listeners have run: its endpoints are deployed. */
    @Override
    public void init(FilterConfig config) {
        container.announce();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        // Requests are served only once the application has started: its WebSocket
        // deployment is over from the first one on (Jakarta WebSocket 2.2 §6.4).
        container.markDeployed();
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !ServletHandshake.isUpgradeRequest(request) || !container.serves(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        HandshakeRoles roles = new HandshakeRoles(request);
        HandshakeContext context = ServletServerContainer.handshakeContext(request, roles);
        WebSocketUpgradeRequest ws;
        Upgrade upgrade;
        try {
            try {
                ws = ServletHandshake.validate(request);
            } catch (HandshakeException e) {
                container.acceptor().refusedBeforeAccept(e.status());
                throw e;
            }
            upgrade = container.acceptor().accept(ws, request.isSecure(), context);
        } catch (HandshakeException e) {
            ServletHandshake.reject(response, e);
            return;
        } finally {
            roles.end();
        }
        container.upgrade(request, response, ws, upgrade, context);
    }
}
