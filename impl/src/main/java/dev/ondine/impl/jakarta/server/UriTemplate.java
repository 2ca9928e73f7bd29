package dev.ondine.impl.jakarta.server;

import jakarta.websocket.DeploymentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The path of a server endpoint: a level-1 URI template (RFC 6570) whose variables each
 * fill a whole path segment, such as {@code /chat/{room}} (Jakarta WebSocket 2.2 §3.1.1).
 * Matching is segment by segment, and a literal segment matches only itself.
 */
public final class UriTemplate implements Comparable<UriTemplate> {
    private final String template;
    private final List<Segment> segments;
    private final List<String> variables;

    private UriTemplate(String template, List<Segment> segments, List<String> variables) {
        this.template = template;
        this.segments = segments;
        this.variables = variables;
    }

    /**
     * Parses {@code path}: it must start with '/', variables must be whole segments with
     * distinct, non-empty names, and no segment may be empty (except a single trailing one).
     */
    public static UriTemplate parse(String path) throws DeploymentException {
        if (path == null || !path.startsWith("/")) {
            throw new DeploymentException("The endpoint path '" + path + "' must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (path.length() > 1) {
            String[] parts = path.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.isEmpty() && i < parts.length - 1) {
                    throw new DeploymentException("The endpoint path '" + path + "' has an empty segment");
                }
                if (part.startsWith("{") && part.endsWith("}") && part.length() >= 2) {
                    String name = part.substring(1, part.length() - 1);
                    if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                        throw new DeploymentException("The endpoint path '" + path + "' has an invalid variable '" + part + "'");
                    }
                    if (!seen.add(name)) {
                        throw new DeploymentException("The endpoint path '" + path + "' uses the variable '" + name + "' twice");
                    }
                    variables.add(name);
                    segments.add(new Segment(name, true));
                } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                    throw new DeploymentException("The endpoint path '" + path
                            + "' has a variable that is not a whole segment: '" + part + "'");
                } else {
                    segments.add(new Segment(part, false));
                }
            }
        }
        return new UriTemplate(path, Collections.unmodifiableList(segments), Collections.unmodifiableList(variables));
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return variables;
    }

    public boolean hasVariables() {
        return !variables.isEmpty();
    }

    int segmentCount() {
        return segments.size();
    }

    /**
     * The variables' values if {@code path} (the request path, still percent-encoded)
     * matches, else null. Values are percent-decoded.
     */
    public Map<String, String> match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        String[] parts = path.length() == 1 ? new String[0] : path.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return null;
        }
        Map<String, String> values = variables.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            Segment s = segments.get(i);
            if (s.variable) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                String decoded = PercentDecoder.decode(parts[i]);
                if (decoded == null) {
                    return null;
                }
                values.put(s.text, decoded);
            } else if (!s.text.equals(parts[i]) && !s.text.equals(PercentDecoder.decode(parts[i]))) {
                return null;
            }
        }
        return values;
    }

    /**
     * Whether the two templates match exactly the same paths (the same literal segments in
     * the same places, variables in the same places): deploying both is a duplicate.
     */
    public boolean sameShapeAs(UriTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            if (a.variable != b.variable || (!a.variable && !a.text.equals(b.text))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Jakarta WebSocket 2.2 §3.1.1 precedence among templates that match the same path:
     * comparing segment by segment from the left, the first segment where one is literal and
     * the other a variable decides for the literal one. Lower sorts first (preferred).
     */
    @Override
    public int compareTo(UriTemplate o) {
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            boolean a = segments.get(i).variable;
            boolean b = o.segments.get(i).variable;
            if (a != b) {
                return a ? 1 : -1;
            }
        }
        return Integer.compare(segments.size(), o.segments.size());
    }

    @Override
    public String toString() {
        return template;
    }

    private static final class Segment {
        final String text;
        final boolean variable;

        Segment(String text, boolean variable) {
            this.text = text;
            this.variable = variable;
        }
    }
}
