package dev.ondine.impl.jakarta.server;

import dev.ondine.impl.protocol.handshake.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code HandshakeRequest.isUserInRole}, {@code getUserPrincipal} and {@code getHttpSession}
 * from the handshake's {@link HandshakeContext}: "If the user has not been authenticated, the
 * method returns false"; without a role store (Ondine's standalone server) it is false too.
 */
class UpgradeHandshakeRequestTest {
    private static final URI URI_ = URI.create("ws://localhost/app/ws");
    private static final Principal ALICE = () -> "alice";

    private static UpgradeHandshakeRequest request(HandshakeContext context) {
        return new UpgradeHandshakeRequest(new HttpHeaders(), URI_, Map.of(), context);
    }

    @Test
    void theRolesComeFromTheContext() {
        Object httpSession = new Object();
        UpgradeHandshakeRequest r = request(new HandshakeContext(ALICE, "user"::equals, httpSession));
        assertTrue(r.isUserInRole("user"));
        assertFalse(r.isUserInRole("admin"));
        assertFalse(r.isUserInRole(null));
        assertSame(ALICE, r.getUserPrincipal());
        assertSame(httpSession, r.getHttpSession());
    }

    @Test
    void anUnauthenticatedUserIsInNoRole() {
        assertFalse(request(new HandshakeContext(null, role -> true, null)).isUserInRole("user"));
    }

    @Test
    void theStandaloneServerHasNoRoles() {
        UpgradeHandshakeRequest r = request(HandshakeContext.NONE);
        assertFalse(r.isUserInRole("user"));
        assertNull(r.getUserPrincipal());
        assertNull(r.getHttpSession());
        assertFalse(request(HandshakeContext.withoutRoles(ALICE, null)).isUserInRole("user"));
    }
}
