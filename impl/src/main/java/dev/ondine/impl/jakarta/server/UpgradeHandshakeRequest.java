package dev.ondine.impl.jakarta.server;

import dev.ondine.impl.protocol.handshake.HttpHeaders;
import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
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

    UpgradeHandshakeRequest(HttpHeaders httpHeaders, URI requestUri, Principal principal, Object httpSession) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : httpHeaders.names()) {
            h.put(name, Collections.unmodifiableList(new ArrayList<>(httpHeaders.all(name))));
        }
        this.headers = Collections.unmodifiableMap(h);
        this.requestUri = requestUri;
        this.parameters = QueryParameters.parse(requestUri.getRawQuery());
        this.principal = principal;
        this.httpSession = httpSession;
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
