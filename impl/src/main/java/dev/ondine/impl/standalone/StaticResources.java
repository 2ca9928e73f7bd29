package dev.ondine.impl.standalone;

import dev.ondine.impl.jakarta.server.PercentDecoder;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.HttpResponses;
import dev.ondine.impl.transport.HttpResponder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves an application's static files (its pages, scripts, styles) from a folder of the
 * class path, for plain HTTP GET and HEAD on the standalone server. {@code /} and paths
 * ending in {@code /} serve {@code index.html}. Paths that climb out of the folder, or that
 * are not decodable, get 404; other methods get 405. Files are read once and kept.
 */
public final class StaticResources implements HttpResponder {
    /** Files larger than this are not served (a page, not a download server). */
    static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    /** Opens a file by its clean relative path, or answers null when there is none. */
    @FunctionalInterface
    private interface Source {
        InputStream open(String path) throws IOException;
    }

    private final Source source;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /**
     * @param loader where the files are
     * @param folder the class-path folder, such as {@code "static"}
     */
    public StaticResources(ClassLoader loader, String folder) {
        String f = folder.replace('\\', '/');
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        String base = f.endsWith("/") || f.isEmpty() ? f : f + "/";
        this.source = path -> loader.getResourceAsStream(base + path);
    }

    private StaticResources(Source source) {
        this.source = source;
    }

    /**
     * The static files of a web application's document root, a folder of the file system
     * (such as an exploded WAR): everything but {@code WEB-INF/} and {@code META-INF/},
     * which a web application never serves.
     */
    public static StaticResources webRoot(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new StaticResources(path -> {
            String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
            if (first.equalsIgnoreCase("WEB-INF") || first.equalsIgnoreCase("META-INF")) {
                return null;
            }
            Path file = base.resolve(path).normalize();
            if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                return null;
            }
            return Files.newInputStream(file);
        });
    }

    @Override
    public ByteBuffer respond(HttpRequestHead request) {
        boolean head = "HEAD".equals(request.method());
        if (!head && !"GET".equals(request.method())) {
            return HttpResponses.of(405, new HttpHeaders().add("Allow", "GET, HEAD"), new byte[0], false);
        }
        String path = pathOf(request.target());
        if (path == null) {
            return HttpResponses.text(404, "Not Found", head);
        }
        byte[] body = load(path);
        if (body == null) {
            return HttpResponses.text(404, "Not Found", head);
        }
        HttpHeaders headers = new HttpHeaders()
                .add("Content-Type", contentType(path))
                .add("Cache-Control", "no-cache")
                .add("X-Content-Type-Options", "nosniff");
        return HttpResponses.of(200, headers, body, head);
    }

    /** The file path under the folder, or null if the target is not acceptable. */
    static String pathOf(String target) {
        int q = target.indexOf('?');
        String p = q < 0 ? target : target.substring(0, q);
        if (!p.startsWith("/")) {
            return null; // absolute-form targets are not served here
        }
        String decoded = PercentDecoder.decode(p);
        if (decoded == null || decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) {
            return null;
        }
        if (decoded.endsWith("/")) {
            decoded += "index.html";
        }
        StringBuilder clean = new StringBuilder();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return null; // never climb out of the folder
            }
            if (clean.length() > 0) {
                clean.append('/');
            }
            clean.append(segment);
        }
        return clean.length() == 0 ? null : clean.toString();
    }

    private byte[] load(String path) {
        byte[] cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        if (path.endsWith(".class")) {
            return null; // the application's code is not a static file
        }
        try (InputStream in = source.open(path)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readNBytes(MAX_FILE_BYTES + 1);
            if (body.length > MAX_FILE_BYTES) {
                return null;
            }
            cache.put(path, body);
            return body;
        } catch (IOException e) {
            return null;
        }
    }

    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
