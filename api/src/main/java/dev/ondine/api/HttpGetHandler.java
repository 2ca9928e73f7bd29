package dev.ondine.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Answers plain HTTP GET (and HEAD) requests for one path on the standalone server, with a
 * body made when asked: a status page, metrics for a scraper
 * ({@link OndineServer.Builder#httpGet(String, HttpGetHandler)}). It runs on the server's
 * application threads, never on a selector thread, and may block briefly.
 */
@FunctionalInterface
public interface HttpGetHandler {

    /**
     * The response to a GET of the handler's path.
     *
     * @param target the request target as sent: the path and the query, if any ({@code /metrics?x=1})
     */
    Response handle(String target);

    /**
     * A complete response: the connection closes after it.
     *
     * @param status the HTTP status (200, 404, ...)
     * @param contentType the {@code Content-Type} header's value
     * @param body the body (its length is the {@code Content-Length})
     */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        /** A response with a text body in UTF-8, of type {@code contentType} (which should say {@code charset=utf-8}). */
        public static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
