package dev.ondine.impl.servlet;

import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.servlet.ServletHandshake;
import dev.ondine.impl.transport.servlet.ServletRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ondine's {@code ServerContainer} for one web application on a servlet container: the
 * endpoints are served by {@link WebSocketUpgradeFilter}, and
 * {@link #upgradeHttpToWebSocket} upgrades a request a servlet or filter chose itself.
 *
 * <p>After a deployment error (Jakarta WebSocket 2.2 §5.2.1) the application's WebSocket
 * deployment is halted: no endpoint is served and none can be added.
 *
 * <p>A handshake's configurator sees the request's user, its roles and its HTTP session
 * ({@link HandshakeRoles}); a connection opened under an authenticated HTTP session closes
 * with 1008 when that session ends (§7.2, {@link AuthenticatedHttpSessions}).
 */
public final class ServletServerContainer extends OndineServerContainer {
    private static final Logger LOG = Logger.getLogger(ServletServerContainer.class.getName());
    private final ServletRuntime runtime;
    private final AuthenticatedHttpSessions authenticatedSessions = new AuthenticatedHttpSessions();
    private volatile String deploymentError;
    private volatile boolean deployed;
    private final AtomicBoolean announced = new AtomicBoolean();

    public ServletServerContainer(ServletRuntime runtime, String contextPath) {
        super(runtime.limits(), runtime.pool(), OndineClients.newContainer(runtime.limits()), contextPath);
        this.runtime = runtime;
    }

    ServletRuntime runtime() {
        return runtime;
    }

    /**
     * No: the container's threads read the bytes, and may be any of its pool's; Ondine cannot
     * watch over them, and closing may come from a timer thread. Endpoints that opt in run on
     * the application's pool here ({@link dev.ondine.api.OnReadingThread}).
     */
    @Override
    protected boolean callbacksOnReadingThread() {
        return false;
    }

    /** The connections opened under an authenticated HTTP session of this application (§7.2). */
    AuthenticatedHttpSessions authenticatedSessions() {
        return authenticatedSessions;
    }

    /**
     * What the handshake's configurator may know of {@code request} beyond its head
     * (Jakarta WebSocket 2.2 §7.2): the user principal, the roles (asked of the request until
     * {@code roles} ends), the HTTP session, without creating one, and the connection. The user
     * is the container's: a client certificate alone makes none (the container's
     * {@code CLIENT-CERT} login does, as on Tomcat and Jetty), since a container may be set
     * to pass certificates it has not verified.
     */
    static HandshakeContext handshakeContext(HttpServletRequest request, HandshakeRoles roles) {
        return new HandshakeContext(request.getUserPrincipal(), roles, request.getSession(false),
                ServletHandshake.connection(request));
    }

    /**
     * Completes an accepted handshake: the connection is bound to the handshake's
     * authenticated HTTP session, if any (§7.2), then the 101 and the container's upgrade.
     */
    void upgrade(HttpServletRequest request, HttpServletResponse response, WebSocketUpgradeRequest ws,
                 Upgrade accepted, HandshakeContext context) throws IOException {
        Upgrade upgrade = authenticatedSessions.bind(accepted, context);
        try {
            ServletHandshake.upgrade(request, response, ws, upgrade, runtime, context.connection());
        } catch (IOException | RuntimeException e) {
            authenticatedSessions.unbind(upgrade);
            throw e;
        }
    }

    /** The application has started serving requests: its deployment phase is over. */
    void markDeployed() {
        if (!deployed) {
            deployed = true;
            announce();
        }
    }

    /**
     * Logs, once, who serves what ({@link #servesLine}) at INFO, when the application has
     * deployed its endpoints: when the servlet container starts the upgrade filter (after
     * the initializers and listeners that may add endpoints), or at the first request at the
     * latest. An application whose deployment failed (SEVERE already) or that deploys no
     * endpoint (the server may hold Ondine for every application) gets no line.
     */
    void announce() {
        if (announced.compareAndSet(false, true) && deploymentError == null && !paths().isEmpty()) {
            LOG.info(servesLine());
        }
    }

    /** Halts the WebSocket deployment after an error (§5.2.1). */
    void halt(String error) {
        this.deploymentError = error;
    }

    /**
     * A deployment error (§5.2.1), from the initializer's deployment of the scanned classes
     * or from an {@code addEndpoint} of the application's own (a listener, an initializer):
     * the application's WebSocket deployment halts, the endpoints already added leave
     * service, and one SEVERE log names the class and the reason. Later errors of a halted
     * deployment are not logged again.
     */
    synchronized void failDeployment(Throwable e) {
        if (deploymentError != null) {
            return;
        }
        String error = e.getMessage() == null ? e.toString() : e.getMessage();
        halt(error);
        undeployAll(CloseCodes.GOING_AWAY, "Deployment failed");
        LOG.log(Level.SEVERE, "Ondine: the WebSocket endpoints of the application at '" + contextPath()
                + "' are not deployed (Jakarta WebSocket 2.2 §5.2.1): " + error, e);
    }

    /** The deployment error that halted the application's WebSocket deployment, or null. */
    public String deploymentError() {
        return deploymentError;
    }

    /** Whether an endpoint is in service at {@code requestPath} (the full, raw path). */
    boolean serves(String requestPath) {
        return deploymentError == null && hasEndpointAt(requestPath);
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkNotHalted();
        try {
            super.addEndpoint(endpointClass);
        } catch (DeploymentException | RuntimeException e) {
            failDeployment(e);
            throw e;
        }
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkNotHalted();
        try {
            super.addEndpoint(config);
        } catch (DeploymentException | RuntimeException e) {
            failDeployment(e);
            throw e;
        }
    }

    private void checkNotHalted() throws DeploymentException {
        if (deployed) {
            // ServerContainer.addEndpoint: "IllegalStateException if the containing websocket
            // application has already been deployed".
            throw new IllegalStateException("The application has already been deployed: endpoints can be added only "
                    + "while it starts (a ServletContainerInitializer or a ServletContextListener)");
        }
        String error = deploymentError;
        if (error != null) {
            throw new DeploymentException("The WebSocket deployment of this application was halted: " + error);
        }
    }

    /**
     * Upgrades {@code httpServletRequest} to a WebSocket connection to the endpoint of
     * {@code sec} (Jakarta WebSocket 2.2 §6.4): the configurator runs as for a deployed
     * endpoint, a refusal (origin, {@code HandshakeRejection}) is answered with its HTTP
     * status, and on success the response is 101 and the connection Ondine's.
     *
     * @throws IllegalStateException when the request is not a valid WebSocket handshake
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!(httpServletRequest instanceof HttpServletRequest request)
                || !(httpServletResponse instanceof HttpServletResponse response)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket needs an HttpServletRequest and an HttpServletResponse");
        }
        WebSocketUpgradeRequest ws;
        try {
            ws = ServletHandshake.validate(request);
        } catch (HandshakeException e) {
            throw new IllegalStateException("Not a valid WebSocket handshake: " + e.getMessage(), e);
        }
        HandshakeRoles roles = new HandshakeRoles(request);
        HandshakeContext context = handshakeContext(request, roles);
        Upgrade upgrade;
        try {
            upgrade = acceptor().accept(ws, request.isSecure(), context, sec, pathParameters);
        } catch (HandshakeException e) {
            ServletHandshake.reject(response, e);
            return;
        } finally {
            roles.end();
        }
        upgrade(request, response, ws, upgrade, context);
    }
}
