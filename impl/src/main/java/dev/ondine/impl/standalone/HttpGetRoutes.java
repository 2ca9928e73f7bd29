package dev.ondine.impl.standalone;

import dev.ondine.api.HttpGetHandler;
import dev.ondine.impl.protocol.handshake.HttpHeaders;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.HttpResponses;
import dev.ondine.impl.transport.HttpResponder;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standalone server's {@link HttpGetHandler}s ({@code OndineServer.Builder.httpGet}) in
 * front of its other responder (the static files, or none): a request whose path is one of
 * theirs gets the handler's response (GET, HEAD without the body; other methods 405); any
 * other goes on. A handler that throws answers 500.
 */
final class HttpGetRoutes implements HttpResponder {
    private static final Logger LOG = Logger.getLogger(HttpGetRoutes.class.getName());

    private final Map<String, HttpGetHandler> handlers;
    /** What answers the other paths, or null (the WebSocket handshake rules answer them). */
    private final HttpResponder next;

    HttpGetRoutes(Map<String, HttpGetHandler> handlers, HttpResponder next) {
        this.handlers = Map.copyOf(handlers);
        this.next = next;
    }

    @Override
    public ByteBuffer respond(HttpRequestHead request) {
        String target = request.target();
        int q = target.indexOf('?');
        HttpGetHandler handler = handlers.get(q < 0 ? target : target.substring(0, q));
        if (handler == null) {
            return next == null ? null : next.respond(request);
        }
        boolean head = "HEAD".equals(request.method());
        if (!head && !"GET".equals(request.method())) {
            return HttpResponses.of(405, new HttpHeaders().add("Allow", "GET, HEAD"), new byte[0], false);
        }
        HttpGetHandler.Response response;
        try {
            response = handler.handle(target);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The HTTP GET handler of " + target + " failed", e);
            return HttpResponses.text(500, "Internal Server Error", head);
        }
        if (response == null) {
            return HttpResponses.text(404, "Not Found", head);
        }
        HttpHeaders headers = new HttpHeaders()
                .add("Content-Type", response.contentType())
                .add("Cache-Control", "no-cache");
        return HttpResponses.of(response.status(), headers, response.body(), head);
    }
}
