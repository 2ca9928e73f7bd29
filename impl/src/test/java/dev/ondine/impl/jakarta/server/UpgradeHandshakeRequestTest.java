package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.transport.PeerConnection;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** The methods WebSocket 2.3 adds, here already with its signatures, from the connection. */
    @Test
    void theAddressesOfWebSocket23() throws Exception {
        PeerConnection connection = PeerConnection.of(new InetSocketAddress("::1", 50123),
                new InetSocketAddress("127.0.0.1", 8080), false);
        UpgradeHandshakeRequest r = request(HandshakeContext.standalone(connection));
        assertSame(connection, ConnectionInfo.of(r));
        assertEquals("0:0:0:0:0:0:0:1", r.getRemoteAddress());
        assertEquals(50123, r.getRemotePort());
        assertEquals("127.0.0.1", r.getLocalAddress());
        assertEquals("127.0.0.1", r.getLocalHostName());
        assertEquals(8080, r.getLocalPort());
        assertNull(r.getUserX509CertificateChain(), "no client certificate");
        assertNull(r.getUserPrincipal(), "and so no user on the standalone server");
        UpgradeHandshakeRequest unknown = request(HandshakeContext.NONE);
        assertNull(unknown.getRemoteAddress());
        assertEquals(-1, unknown.getRemotePort());
        assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.of(unknown), "no connection to tell of");
    }
}
