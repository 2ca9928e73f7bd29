package dev.ondine.samples.secure;

import dev.ondine.api.HandshakeRejection;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Token authentication at the handshake: a client must present the token, either as
 * {@code Authorization: Bearer TOKEN} or as {@code ?token=TOKEN} (browsers cannot set
 * headers on a WebSocket). Without it the handshake is refused with 401 and
 * {@code WWW-Authenticate: Bearer} ({@link HandshakeRejection}); no session is opened.
 *
 * <p>The token is the system property {@value #TOKEN_PROPERTY} (default
 * {@value #DEFAULT_TOKEN}, for the demo only).
 */
public class TokenConfigurator extends ServerEndpointConfig.Configurator {
    public static final String TOKEN_PROPERTY = "ondine.samples.token";
    public static final String DEFAULT_TOKEN = "demo-token";
    static final String USER_PROPERTY = "secure.authenticated";

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        String expected = System.getProperty(TOKEN_PROPERTY, DEFAULT_TOKEN);
        String presented = presentedToken(request);
        if (presented == null || !constantTimeEquals(presented, expected)) {
            throw new HandshakeRejection(401, "A valid token is required")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"ondine-samples\"");
        }
        sec.getUserProperties().put(USER_PROPERTY, Boolean.TRUE);
    }

    private static String presentedToken(HandshakeRequest request) {
        List<String> auth = request.getHeaders().get("Authorization");
        if (auth != null) {
            for (String value : auth) {
                if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return value.substring(7).trim();
                }
            }
        }
        List<String> query = request.getParameterMap().get("token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
