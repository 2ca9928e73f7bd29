package dev.ondine.impl.servlet;

import jakarta.servlet.http.HttpServletRequest;

import java.util.function.Predicate;

/**
 * {@code HandshakeRequest.isUserInRole} on a servlet container (Jakarta WebSocket 2.2 §7.2,
 * §8): the answer of the handshake's {@code HttpServletRequest.isUserInRole}, which knows the
 * roles of the application's deployment descriptor and the container's realm.
 *
 * <p>Asked lazily, and only while the handshake runs ({@link #end} is called once the
 * acceptor, hence every configurator method, has returned). Eagerly is not possible: the
 * Servlet API cannot list a user's roles. Afterwards the request belongs to the container
 * again, which may recycle the object for another request (Tomcat does), so asking it then
 * could answer for someone else: a configurator that keeps the {@code HandshakeRequest} gets
 * false after the handshake, as for an unauthenticated user.
 */
final class HandshakeRoles implements Predicate<String> {
    private volatile HttpServletRequest request;

    HandshakeRoles(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public boolean test(String role) {
        HttpServletRequest r = request;
        return r != null && role != null && r.isUserInRole(role);
    }

    /** The handshake is over: the request is no longer asked. */
    void end() {
        request = null;
    }
}
