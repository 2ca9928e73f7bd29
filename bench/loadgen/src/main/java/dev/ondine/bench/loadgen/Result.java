package dev.ondine.bench.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/** One result: printed as one JSON line ({@code RESULT {...}}) on standard output. */
final class Result {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Result(String scenario, Options o) {
        fields.put("server", o.label);
        fields.put("scenario", scenario);
    }

    Result put(String k, Object v) {
        fields.put(k, v);
        return this;
    }

    Result errors(Map<String, Integer> errors) {
        fields.put("errors", errors.values().stream().mapToInt(Integer::intValue).sum());
        if (!errors.isEmpty()) {
            fields.put("error_kinds", errors.toString());
        }
        return this;
    }

    String json() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                b.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    String human() {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append('=').append(v).append("  "));
        return b.toString().trim();
    }
}
