package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;

import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The connection's facts as user properties (the keys of {@link ConnectionInfo}), for code that
 * sees only the Jakarta API: put in the per-connection properties before {@code modifyHandshake},
 * so that the configurator's {@code ServerEndpointConfig} and then the session have them.
 */
final class ConnectionProperties {

    private ConnectionProperties() {
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
