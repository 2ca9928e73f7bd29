package dev.ondine.impl.transport;

import dev.ondine.api.ConnectionInfo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a server transport knows of the connection an upgrade request came on: the two ends'
 * addresses and, over TLS, the session's protocol, cipher suite and the client's certificate
 * chain. Made by the transport, shown to the application as a {@link ConnectionInfo}.
 *
 * @param remoteAddress the peer's address
 * @param localAddress the server's end, or null if unknown
 * @param secure whether the connection is over TLS
 * @param tlsProtocol the TLS protocol version, or null
 * @param cipherSuite the TLS cipher suite, or null
 * @param peerCertificates the client's certificate chain, its own first; empty without one
 */
public record PeerConnection(SocketAddress remoteAddress, SocketAddress localAddress, boolean secure,
                             String tlsProtocol, String cipherSuite, List<X509Certificate> peerCertificates)
        implements ConnectionInfo {

    public PeerConnection {
        peerCertificates = peerCertificates == null ? List.of() : List.copyOf(peerCertificates);
    }

    /** A plain TCP connection, or one whose TLS details are not known. */
    public static PeerConnection of(SocketAddress remote, SocketAddress local, boolean secure) {
        return new PeerConnection(remote, local, secure, null, null, List.of());
    }

    /** A connection over TLS whose handshake has finished: its session tells the rest. */
    public static PeerConnection overTls(SocketAddress remote, SocketAddress local, SSLSession session) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException none) {
            // the client presented no certificate (ClientAuth.WANT) or was not asked for one
        }
        return new PeerConnection(remote, local, true, session.getProtocol(), session.getCipherSuite(), chain);
    }

    /**
     * The socket address of an IP address in text, as a servlet request gives it
     * ({@code getRemoteAddr}), and a port: resolved when the text is an IPv4 or IPv6 literal
     * (which needs no name lookup), else unresolved (a host name, or another kind of address).
     */
    public static SocketAddress address(String host, int port) {
        if (host == null) {
            return null;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int safePort = port < 0 || port > 65535 ? 0 : port;
        if (isIpLiteral(literal)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(literal), safePort);
            } catch (UnknownHostException e) {
                // not a literal after all: fall through
            }
        }
        return InetSocketAddress.createUnresolved(literal, safePort);
    }

    /** An IPv4 dotted quad or an IPv6 literal: {@link InetAddress#getByName} parses those without a lookup. */
    private static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            int zone = s.indexOf('%'); // a scope (RFC 4007 §11): fe80::1%eth0
            String address = zone < 0 ? s : s.substring(0, zone);
            return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        return "PeerConnection[remote=" + remoteAddress + ", local=" + localAddress
                + (secure ? ", " + tlsProtocol + " " + cipherSuite + ", " + peerCertificates.size() + " peer certificate(s)"
                : "") + "]";
    }
}
