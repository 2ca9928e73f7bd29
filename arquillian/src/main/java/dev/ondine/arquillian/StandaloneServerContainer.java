package dev.ondine.arquillian;

import dev.ondine.api.Limits;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.protocol.CloseCodes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The {@code ServerContainer} of one archive on the standalone server, with the deployment
 * phase of a web application (Jakarta WebSocket 2.2 §6.4, §5.2.1):
 * <ul>
 * <li>while the archive deploys (its scanned endpoints, then its servlet context listeners),
 * endpoints can be added;</li>
 * <li>a deployment error at any point of that phase, including one raised by an
 * {@code addEndpoint} call of a listener, halts the archive's WebSocket deployment: every
 * endpoint it had is removed from service and any further {@code addEndpoint} throws a
 * {@link DeploymentException};</li>
 * <li>once the archive is deployed, {@code addEndpoint} throws {@link IllegalStateException}.</li>
 * </ul>
 */
final class StandaloneServerContainer extends OndineServerContainer {
    private volatile boolean deployed;
    private volatile String error;
    private volatile Throwable cause;

    StandaloneServerContainer(Limits limits, ExecutorService pool, String contextPath) {
        super(limits, pool, OndineClients.newContainer(limits), contextPath);
    }

    /** The deployment phase is over: no endpoint can be added any more. */
    void markDeployed() {
        deployed = true;
    }

    /** The error that halted the archive's WebSocket deployment, or null. */
    String error() {
        return error;
    }

    /** What raised {@link #error()}, or null. */
    Throwable cause() {
        return cause;
    }

    /** Halts the WebSocket deployment (§5.2.1): the endpoints go, and none can be added. */
    void halt(Throwable cause) {
        if (error == null) {
            this.cause = cause;
            error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        }
        undeployAll(CloseCodes.GOING_AWAY, "Deployment failed");
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkDeploying();
        try {
            super.addEndpoint(endpointClass);
        } catch (DeploymentException | RuntimeException | LinkageError e) {
            halt(e);
            throw e;
        }
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkDeploying();
        try {
            super.addEndpoint(config);
        } catch (DeploymentException | RuntimeException | LinkageError e) {
            halt(e);
            throw e;
        }
    }

    /**
     * For a request of a servlet the adapter runs on an upgrade request ({@link ServletUpgrades}):
     * the connection is upgraded to the endpoint of {@code sec} when the servlet returns.
     * Any other request has no servlet container to come from.
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!ServletUpgrades.upgrade(this, httpServletRequest, sec, pathParameters)) {
            super.upgradeHttpToWebSocket(httpServletRequest, httpServletResponse, sec, pathParameters);
        }
    }

    private void checkDeploying() throws DeploymentException {
        if (deployed) {
            // ServerContainer.addEndpoint: IllegalStateException "if the containing websocket
            // application has already been deployed".
            throw new IllegalStateException("The application is deployed: endpoints can be added only while it "
                    + "deploys (from a ServletContainerInitializer or a ServletContextListener)");
        }
        String halted = error;
        if (halted != null) {
            throw new DeploymentException("The WebSocket deployment of this application was halted (Jakarta "
                    + "WebSocket 2.2 §5.2.1): " + halted);
        }
    }
}
