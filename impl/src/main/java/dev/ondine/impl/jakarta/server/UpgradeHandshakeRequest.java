package dev.ondine.impl.jakarta.server;

import dev.ondine.impl.protocol.handshake.HttpHeaders;
import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The opening handshake request as the Jakarta API shows it to a configurator (§3.1, {@code HandshakeRequest}). */
final class UpgradeHandshakeRequest implements HandshakeRequest {
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
}
