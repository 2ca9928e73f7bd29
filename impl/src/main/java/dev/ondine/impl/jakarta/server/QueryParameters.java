package dev.ondine.impl.jakarta.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a request URI's query (RFC 3986 §3.4, in the
 * {@code application/x-www-form-urlencoded} form browsers use), for
 * {@code Session.getRequestParameterMap()} and {@code HandshakeRequest.getParameterMap()}.
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * The parameters of {@code rawQuery} (as sent, without '?'), decoded, in order; a name
     * without '=' has the value "", and a pair whose percent-encoding is malformed is left out.
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoder.decodeQueryPart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : PercentDecoder.decodeQueryPart(pair.substring(eq + 1));
            if (name == null || value == null) {
                continue;
            }
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        params.forEach((k, v) -> result.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(result);
    }
}
