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

/** The opening handshake request as the Jakarta API shows it to a configurator. */
final class UpgradeHandshakeRequest implements HandshakeRequest {
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final Map<String, List<String>> parameters;
    private final Principal principal;
    private final Object httpSession;

    /**
     * @param pathParameters the values of the endpoint's path template for this request:
     *        they are request parameters too ({@link #getParameterMap}), as Tomcat and Tyrus
     *        report them and the TCK's {@code handshakerequest} tests expect
     */
    UpgradeHandshakeRequest(HttpHeaders httpHeaders, URI requestUri, Map<String, String> pathParameters,
                            Principal principal, Object httpSession) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : httpHeaders.names()) {
            h.put(name, Collections.unmodifiableList(new ArrayList<>(httpHeaders.all(name))));
        }
        this.headers = Collections.unmodifiableMap(h);
        this.requestUri = requestUri;
        this.parameters = withPathParameters(QueryParameters.parse(requestUri.getRawQuery()), pathParameters);
        this.principal = principal;
        this.httpSession = httpSession;
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
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false; // no authentication on the standalone server
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
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
