package dev.ondine.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may open WebSockets (RFC 6455 §10.2; cross-site WebSocket
 * hijacking). A browser always sends {@code Origin}; other clients usually do not, and
 * requests without one are allowed. The default allows the server's own origin (the
 * origin's host and port equal the request's {@code Host}) and the origins of an allow-list.
 *
 * <p>Configuration key {@value #ALLOWED_ORIGINS}: a comma-separated list of origins such as
 * {@code https://app.example.com, http://localhost:3000}, or {@code *} to allow every origin.
 */
public final class OriginPolicy {
    /** Origins allowed besides the server's own; {@code *} allows all. */
    public static final String ALLOWED_ORIGINS = "ondine.allowedOrigins";

    private static final OriginPolicy ANY = new OriginPolicy(Set.of(), true);

    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(Set<String> allowed, boolean any) {
        this.allowed = allowed;
        this.any = any;
    }

    /** The server's own origin, and {@code allowed} (each like {@code https://host[:port]}). */
    public static OriginPolicy sameOriginAnd(Collection<String> allowed) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : allowed) {
            String o = origin.trim();
            if (o.equals("*")) {
                return ANY;
            }
            if (!o.isEmpty()) {
                normalized.add(normalize(o));
            }
        }
        return new OriginPolicy(Set.copyOf(normalized), false);
    }

    /** Only the server's own origin. */
    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(Set.of(), false);
    }

    /** Every origin (for servers that authenticate every connection some other way). */
    public static OriginPolicy any() {
        return ANY;
    }

    /** The policy of {@value #ALLOWED_ORIGINS} as read by {@code lookup} (unset: same origin only). */
    public static OriginPolicy fromProperties(java.util.function.Function<String, String> lookup) {
        String value = lookup.apply(ALLOWED_ORIGINS);
        if (value == null || value.isBlank()) {
            return sameOrigin();
        }
        return sameOriginAnd(java.util.Arrays.asList(value.split(",")));
    }

    /**
     * Whether a handshake with {@code origin} (null: none sent) to {@code host} (the request's
     * {@code Host} value) is allowed.
     */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String o = normalize(origin);
        if (allowed.contains(o)) {
            return true;
        }
        return host != null && sameHostAndPort(o, host);
    }

    /** Same origin: the origin's authority equals the Host header (default ports made explicit). */
    private static boolean sameHostAndPort(String origin, String host) {
        URI u;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (u.getHost() == null || u.getScheme() == null) {
            return false;
        }
        int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
        String h = host.toLowerCase(Locale.ROOT);
        String hostName;
        int hostPort;
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']') && colon >= 0) {
            hostName = h.substring(0, colon);
            try {
                hostPort = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            hostName = h;
            // No port in Host: the default port of the scheme the page would use (RFC 7230 §5.4).
            hostPort = "https".equals(u.getScheme()) ? 443 : 80;
        }
        return u.getHost().toLowerCase(Locale.ROOT).equals(hostName) && port == hostPort;
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    @Override
    public String toString() {
        return any ? "OriginPolicy[any]" : "OriginPolicy[same origin + " + allowed + "]";
    }
}
