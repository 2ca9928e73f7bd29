package dev.ondine.impl.servlet;

import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.http.HttpSession;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket connections of one application that were opened under an authenticated HTTP
 * session, by that session's id, so that they end with it. Jakarta WebSocket 2.2 §7.2
 * [WSC-7.2-3]: where an endpoint "requires an authorized user to access it, then the
 * WebSocket implementation must ensure that the WebSocket endpoint does not remain connected
 * to its peer after the underlying implementation has decided the authenticated identity is
 * no longer valid. This may happen, for example, if the user logs out of the containing web
 * application, or if the authentication times out or is invalidated for some other reason.
 * In this situation, the WebSocket implementation must immediately close the connection
 * using the WebSocket close status code 1008."
 *
 * <p><b>Which connections.</b> Those whose handshake had a user principal and an HTTP
 * session. The Servlet API does not tell whether a URL is under a security constraint; a
 * principal on the handshake means the container authenticated it (Tomcat and Tyrus go by
 * the same test). A connection without a principal is not tracked: §7.2 lets an identity
 * that was not required change or lapse without a close.
 *
 * <p><b>When.</b> The HTTP session is invalidated (a logout) or times out
 * ({@link HttpSessionEndListener}). Each connection is closed with 1008 and {@link #REASON}:
 * the peer gets them in the close frame and the endpoint's {@code onClose} the same (the
 * official TCK's {@code authenticatedlogoff} test reads 1008 there). Closing only starts the
 * closing handshake (the close frame is queued and written as the peer takes it), so the
 * container thread that ends the HTTP session is not held up.
 *
 * <p><b>Memory.</b> A connection is registered from its handshake (so that an HTTP session
 * that ends before the connection opens still closes it, at once when it opens) until it
 * ends or its HTTP session does, whichever comes first: the map holds the application's
 * live authenticated connections and nothing else. (An upgrade the container accepts but
 * never starts stays until its HTTP session ends.)
 */
final class AuthenticatedHttpSessions {
    /** The close reason, within the 123 bytes a close frame has for it (RFC 6455 §5.5). */
    static final String REASON = "The authenticated HTTP session of this connection has ended";

    private final Map<String, Set<AuthenticatedConnection>> byHttpSession = new HashMap<>();

    /**
     * The upgrade to go through with: {@code upgrade} itself when the handshake had no user
     * principal or no HTTP session; otherwise one whose listener is registered under the
     * HTTP session's id, and closes the connection when that session ends.
     */
    Upgrade bind(Upgrade upgrade, HandshakeContext context) {
        if (context.userPrincipal() == null || !(context.httpSession() instanceof HttpSession httpSession)) {
            return upgrade;
        }
        AuthenticatedConnection connection = new AuthenticatedConnection(upgrade.listener(), this);
        String id;
        try {
            id = httpSession.getId();
        } catch (IllegalStateException invalidated) {
            // Invalidated during the handshake (by a configurator): closed as soon as it opens.
            connection.revoke();
            return upgrade.withListener(connection);
        }
        synchronized (this) {
            connection.httpSessionId = id;
            byHttpSession.computeIfAbsent(id, k -> new HashSet<>()).add(connection);
        }
        return upgrade.withListener(connection);
    }

    /** The container refused the upgrade {@link #bind} returned: nothing to watch. */
    void unbind(Upgrade upgrade) {
        if (upgrade.listener() instanceof AuthenticatedConnection connection) {
            remove(connection);
        }
    }

    /** The HTTP session {@code httpSessionId} was invalidated or timed out: its connections close with 1008. */
    void ended(String httpSessionId) {
        Set<AuthenticatedConnection> ended;
        synchronized (this) {
            ended = byHttpSession.remove(httpSessionId);
            if (ended == null) {
                return;
            }
            for (AuthenticatedConnection c : ended) {
                c.httpSessionId = null;
            }
        }
        for (AuthenticatedConnection c : ended) {
            c.revoke();
        }
    }

    /** The HTTP session changed its id ({@code HttpServletRequest.changeSessionId}, as on a login): same connections. */
    synchronized void idChanged(String oldId, String newId) {
        Set<AuthenticatedConnection> moved = byHttpSession.remove(oldId);
        if (moved == null) {
            return;
        }
        for (AuthenticatedConnection c : moved) {
            c.httpSessionId = newId;
        }
        byHttpSession.computeIfAbsent(newId, k -> new HashSet<>()).addAll(moved);
    }

    /** The connection ended (or never will start): forgotten. */
    synchronized void remove(AuthenticatedConnection connection) {
        String id = connection.httpSessionId;
        if (id == null) {
            return;
        }
        connection.httpSessionId = null;
        Set<AuthenticatedConnection> set = byHttpSession.get(id);
        if (set != null && set.remove(connection) && set.isEmpty()) {
            byHttpSession.remove(id);
        }
    }

    /** How many connections are registered (for tests and diagnostics). */
    synchronized int size() {
        int n = 0;
        for (Set<AuthenticatedConnection> set : byHttpSession.values()) {
            n += set.size();
        }
        return n;
    }

    /** How many HTTP sessions have connections registered. */
    synchronized int httpSessions() {
        return byHttpSession.size();
    }
}
