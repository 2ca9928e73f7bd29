package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;

import java.security.Principal;
import java.util.function.Predicate;

/**
 * What the server knows about an opening handshake beyond its request head, as
 * {@link jakarta.websocket.server.HandshakeRequest} shows it to a configurator (Jakarta
 * WebSocket 2.2 §7.2): the authenticated user, that user's roles, the HTTP session, and the
 * connection the request came on. A servlet container knows all four
 * ({@code dev.ondine.impl.servlet}); Ondine's standalone server knows the connection, and a
 * user only from a verified client certificate ({@link #standalone}).
 *
 * @param userPrincipal the authenticated user, or null
 * @param roles answers {@code HandshakeRequest.isUserInRole} for an authenticated user; it
 *        need only answer while the handshake runs (a servlet request may be recycled after)
 * @param httpSession the HTTP session the request belongs to ({@code jakarta.servlet.http.HttpSession}), or null
 * @param connection the addresses and TLS details of the connection, or null if unknown
 */
public record HandshakeContext(Principal userPrincipal, Predicate<String> roles, Object httpSession,
                               ConnectionInfo connection) {

    /** No user, no role, no HTTP session, no connection known. */
    public static final HandshakeContext NONE = new HandshakeContext(null, null, null, null);

    public HandshakeContext {
        roles = roles == null ? role -> false : roles;
    }

    /** A user, roles and an HTTP session, on a connection not known. */
    public HandshakeContext(Principal userPrincipal, Predicate<String> roles, Object httpSession) {
        this(userPrincipal, roles, httpSession, null);
    }

    /** A user and an HTTP session without a role store: every role check answers false. */
    public static HandshakeContext withoutRoles(Principal userPrincipal, Object httpSession) {
        return new HandshakeContext(userPrincipal, null, httpSession, null);
    }

    /**
     * A handshake on Ondine's standalone server, which has no authentication of its own: the
     * user is the subject of the client certificate the TLS layer verified, if any (the
     * session's {@code getUserPrincipal}, "the authenticated user"); no role, no HTTP session.
     */
    public static HandshakeContext standalone(ConnectionInfo connection) {
        return new HandshakeContext(connection.peerPrincipal(), null, null, connection);
    }
}
