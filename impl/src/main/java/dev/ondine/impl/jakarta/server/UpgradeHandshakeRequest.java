package dev.ondine.impl.jakarta.server;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import jakarta.websocket.server.HandshakeRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opening handshake request as the Jakarta API shows it to a configurator (§3.1,
 * {@code HandshakeRequest}), and its connection ({@link ConnectionInfo#of(HandshakeRequest)}).
 * The methods WebSocket 2.3 adds to {@code HandshakeRequest} for the client's certificates and
 * the two ends' addresses are here with their 2.3 signatures already, ready to implement it.
 */
final class UpgradeHandshakeRequest implements HandshakeRequest, ConnectionInfo.Holder {
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final Map<String, List<String>> parameters;
    private final HandshakeContext context;

    /**
     * @param pathParameters the values of the endpoint's path template for this request:
     *        they are request parameters too ({@link #getParameterMap}), as Tomcat and Tyrus
     *        report them and the TCK's {@code handshakerequest} tests expect
     * @param context the user, its roles and the HTTP session, as far as the server knows them
     */
    UpgradeHandshakeRequest(HttpHeaders httpHeaders, URI requestUri, Map<String, String> pathParameters,
                            HandshakeContext context) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : httpHeaders.names()) {
            h.put(name, Collections.unmodifiableList(new ArrayList<>(httpHeaders.all(name))));
        }
        this.headers = Collections.unmodifiableMap(h);
        this.requestUri = requestUri;
        this.parameters = withPathParameters(QueryParameters.parse(requestUri.getRawQuery()), pathParameters);
        this.context = context;
    }

    /**
     * The query's parameters in order, then the path's; a path parameter replaces a query
     * parameter of the same name (the template's value is the one the endpoint sees).
     */
    static Map<String, List<String>> withPathParameters(Map<String, List<String>> query, Map<String, String> path) {
        if (path == null || path.isEmpty()) {
            return query;
        }
        Map<String, List<String>> all = new LinkedHashMap<>(query);
        path.forEach((name, value) -> all.put(name, List.of(value)));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return context.userPrincipal();
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    /**
     * {@code HandshakeRequest.isUserInRole}: "Checks whether the current user is in the given
     * role. Roles and role membership can be defined using deployment descriptors of the
     * containing WAR file, if running in a Jakarta EE web container. If the user has not been
     * authenticated, the method returns false."
     *
     * <p>On a servlet container the answer is that of the handshake's
     * {@code HttpServletRequest.isUserInRole}, asked while the handshake runs (the
     * configurator's methods); once the handshake is over the request is the container's
     * again and the answer is false. On Ondine's standalone server there is no
     * authentication and no role store: always false.
     */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && context.userPrincipal() != null && context.roles().test(role);
    }

    @Override
    public Object getHttpSession() {
        return context.httpSession();
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return requestUri.getRawQuery();
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return context.connection();
    }

    /**
     * WebSocket 2.3 {@code HandshakeRequest.getUserX509CertificateChain}: the client's
     * certificate chain, its own first, or null when it presented none.
     */
    public X509Certificate[] getUserX509CertificateChain() {
        ConnectionInfo c = context.connection();
        return c == null || c.peerCertificates().isEmpty() ? null : c.peerCertificates().toArray(new X509Certificate[0]);
    }

    /** WebSocket 2.3: the address of the client (or last proxy), as text; null if unknown. */
    public String getRemoteAddress() {
        return address(remote());
    }

    /** WebSocket 2.3: the client's host name, which is its address in text (no name lookup is made). */
    public String getRemoteHostName() {
        return hostName(remote());
    }

    /** WebSocket 2.3: the client's port, or -1 when not an IP connection. */
    public int getRemotePort() {
        return port(remote());
    }

    /** WebSocket 2.3: the address of the interface that received the request, as text; null if unknown. */
    public String getLocalAddress() {
        return address(local());
    }

    /** WebSocket 2.3: the host name of that interface, which is its address in text (no name lookup is made). */
    public String getLocalHostName() {
        return hostName(local());
    }

    /** WebSocket 2.3: the port that received the request, or -1 when not an IP connection. */
    public int getLocalPort() {
        return port(local());
    }

    private SocketAddress remote() {
        return context.connection() == null ? null : context.connection().remoteAddress();
    }

    private SocketAddress local() {
        return context.connection() == null ? null : context.connection().localAddress();
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return a == null ? null : a.toString();
    }

    private static String hostName(SocketAddress a) {
        return a instanceof InetSocketAddress inet ? inet.getHostString() : address(a);
    }

    private static int port(SocketAddress a) {
        return a instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }
}
