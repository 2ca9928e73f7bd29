package dev.ondine.impl.jakarta.server;

import java.security.Principal;
import java.util.function.Predicate;

/**
 * What the server knows about an opening handshake beyond its request head, as
 * {@link jakarta.websocket.server.HandshakeRequest} shows it to a configurator (Jakarta
 * WebSocket 2.2 §7.2): the authenticated user, that user's roles, and the HTTP session.
 * A servlet container knows all three ({@code dev.ondine.impl.servlet}); Ondine's
 * standalone server none ({@link #NONE}).
 *
 * @param userPrincipal the authenticated user, or null
 * @param roles answers {@code HandshakeRequest.isUserInRole} for an authenticated user; it
 *        need only answer while the handshake runs (a servlet request may be recycled after)
 * @param httpSession the HTTP session the request belongs to ({@code jakarta.servlet.http.HttpSession}), or null
 */
public record HandshakeContext(Principal userPrincipal, Predicate<String> roles, Object httpSession) {

    /** No user, no role, no HTTP session: Ondine's standalone server, which has no authentication. */
    public static final HandshakeContext NONE = new HandshakeContext(null, null, null);

    public HandshakeContext {
        roles = roles == null ? role -> false : roles;
    }

    /** A user and an HTTP session without a role store: every role check answers false. */
    public static HandshakeContext withoutRoles(Principal userPrincipal, Object httpSession) {
        return new HandshakeContext(userPrincipal, null, httpSession);
    }
}
