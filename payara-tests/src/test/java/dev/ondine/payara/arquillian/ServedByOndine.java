package dev.ondine.payara.arquillian;

import dev.ondine.payara.arquillian.check.ServedByEndpoint;
import dev.ondine.payara.arquillian.check.ServedByServlet;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * After every deployment, before its tests run: proves that Ondine, not Payara's Tyrus, serves
 * the application, or fails the deployment (and so every test of the class).
 * <ol>
 * <li>The application's {@code ServerContainer} attribute (published by the initializer that
 * serves it) is Ondine's {@value #SERVER_CONTAINER}.</li>
 * <li>A WebSocket connection to the check endpoint of the WAR is served by a {@value #SESSION}.
 * The one accepted exception is a 404 for an application whose WebSocket deployment Ondine
 * halted (a deployment error, §5.2.1: none of its endpoints is served, by anyone).</li>
 * </ol>
 */
public class ServedByOndine {
    static final String SERVER_CONTAINER = "dev.ondine.impl.servlet.ServletServerContainer";
    static final String SESSION = "dev.ondine.impl.jakarta.session.OndineSession";
    private static final Logger LOG = Logger.getLogger(ServedByOndine.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private Instance<ProtocolMetaData> metaData;

    public void check(@Observes AfterDeploy event) throws Exception {
        String name = event.getDeployment().getArchive().getName();
        URI base = base();
        HttpResponse<String> container = HTTP.send(HttpRequest.newBuilder(base.resolve(ServedByServlet.PATH.substring(1)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (container.statusCode() != 200 || !container.body().equals(SERVER_CONTAINER)) {
            throw new IllegalStateException("deployment " + name + " at " + base + ": the ServerContainer attribute is "
                    + container.statusCode() + " " + container.body() + ", not Ondine's " + SERVER_CONTAINER);
        }
        URI ws = URI.create("ws" + base.toString().substring(4)).resolve(ServedByEndpoint.PATH.substring(1));
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket socket;
        try {
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(ws, new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                answer.complete(text.toString());
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 404) {
                LOG.info("deployment " + name + ": Ondine's ServerContainer, no WebSocket endpoint in service (404)");
                return;
            }
            throw new IllegalStateException("deployment " + name + ": the check handshake to " + ws + " failed", e);
        }
        socket.sendText("who", true).get(10, TimeUnit.SECONDS);
        String session = answer.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        if (!session.equals(SESSION)) {
            throw new IllegalStateException("deployment " + name + ": served by " + session + ", not Ondine's " + SESSION);
        }
        LOG.info("deployment " + name + ": served by Ondine (" + SERVER_CONTAINER + ", " + SESSION + ")");
    }

    /** http://host:port/context/ of the deployment just made. */
    private URI base() {
        HTTPContext http = metaData.get().getContexts(HTTPContext.class).iterator().next();
        String root = http.getServlets().isEmpty() ? null : http.getServlets().get(0).getContextRoot();
        if (root == null) {
            throw new IllegalStateException("no servlet context reported for the deployment: " + http);
        }
        return URI.create("http://" + http.getHost() + ":" + http.getPort() + root + (root.endsWith("/") ? "" : "/"));
    }
}
