package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.Limits;
import jakarta.websocket.EndpointConfig;

import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The connection's facts as user properties (the keys of {@link ConnectionInfo}), for code that
 * sees only the Jakarta API: put in the per-connection properties before {@code modifyHandshake},
 * so that the configurator's {@code ServerEndpointConfig} and then the session have them. Only
 * when asked for ({@link Limits#CONNECTION_PROPERTIES}): the Jakarta WebSocket TCK counts the
 * user properties a configurator and a session see ({@code serverendpointconfig} tests).
 */
final class ConnectionProperties {

    private ConnectionProperties() {
    }

    /** Whether the container's settings, or the deployed endpoint's user properties, ask for them. */
    static boolean wanted(Limits limits, EndpointConfig deployed) {
        Object perEndpoint = deployed.getUserProperties().get(Limits.CONNECTION_PROPERTIES);
        if (perEndpoint != null) {
            return Boolean.TRUE.equals(perEndpoint) || "true".equalsIgnoreCase(String.valueOf(perEndpoint).trim());
        }
        return limits.connectionProperties();
    }

    /** Puts what is known of {@code connection} (nothing when it is null) into {@code properties}. */
    static void put(ConnectionInfo connection, Map<String, Object> properties) {
        if (connection == null) {
            return;
        }
        putIfKnown(properties, ConnectionInfo.REMOTE_ADDRESS, connection.remoteAddress());
        putIfKnown(properties, ConnectionInfo.LOCAL_ADDRESS, connection.localAddress());
        putIfKnown(properties, ConnectionInfo.TLS_PROTOCOL, connection.tlsProtocol());
        putIfKnown(properties, ConnectionInfo.CIPHER_SUITE, connection.cipherSuite());
        if (!connection.peerCertificates().isEmpty()) {
            properties.put(ConnectionInfo.PEER_CERTIFICATES, connection.peerCertificates().toArray(new X509Certificate[0]));
        }
    }

    private static void putIfKnown(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
