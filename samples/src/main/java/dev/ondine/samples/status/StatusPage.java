package dev.ondine.samples.status;

import dev.ondine.api.HttpGetHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /status}: the status page ({@code static/status.html}, which is also served as
 * {@code /status.html}; its script and style sheet are found beside it).
 */
public final class StatusPage implements HttpGetHandler {
    private static final String RESOURCE = "/static/status.html";
    private final byte[] html;

    public StatusPage() {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing class-path resource " + RESOURCE);
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Response handle(String target) {
        return new Response(200, "text/html; charset=utf-8", html.clone());
    }
}
