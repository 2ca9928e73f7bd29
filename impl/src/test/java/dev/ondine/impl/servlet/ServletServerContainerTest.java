package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.transport.servlet.ServletRuntime;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta WebSocket 2.2 §5.2.1 on a servlet container, whoever adds the endpoints: a
 * deployment error raised by the application's own {@code addEndpoint} (a listener, an
 * initializer) halts its WebSocket deployment as one found while scanning does.
 */
class ServletServerContainerTest {
    private final ServletRuntime runtime = OndineServletContainerInitializer.newRuntime("test", Limits.defaults(), getClass().getClassLoader());
    private final ServletServerContainer container = new ServletServerContainer(runtime, "/app");

    @ServerEndpoint("/valid")
    public static class Valid {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @ServerEndpoint("/other")
    public static class Other {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    /** Invalid: two @OnMessage methods for text (§4.7: at most one per message type). */
    @ServerEndpoint("/invalid")
    public static class Invalid {
        @OnMessage
        public String echo(String m) {
            return m;
        }

        @OnMessage
        public String again(String m) {
            return m;
        }
    }

    @AfterEach
    void stop() {
        OndineServletContainerInitializer.shutdown(runtime, 1000);
    }

    @Test
    void anAddEndpointThatFailsHaltsTheApplicationsWebSocketDeployment() throws Exception {
        container.addEndpoint(Valid.class);
        assertTrue(container.serves("/app/valid"));
        assertThrows(DeploymentException.class, () -> container.addEndpoint(Invalid.class));
        assertNotNull(container.deploymentError());
        assertFalse(container.serves("/app/valid"), "the endpoint added before the error left service");
        assertThrows(DeploymentException.class, () -> container.addEndpoint(Other.class), "nothing more is added");
        assertFalse(container.serves("/app/other"));
    }

    @Test
    void aProgrammaticConfigThatFailsHaltsItToo() throws Exception {
        container.addEndpoint(Valid.class);
        // A duplicate path is a deployment error (§3.1.1).
        assertThrows(DeploymentException.class,
                () -> container.addEndpoint(ServerEndpointConfig.Builder.create(Other.class, "/valid").build()));
        assertFalse(container.serves("/app/valid"));
    }

    @Test
    void afterDeploymentAddEndpointIsAnIllegalState() throws Exception {
        container.addEndpoint(Valid.class);
        container.markDeployed();
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(Other.class));
        assertNull(container.deploymentError(), "refusing a late addEndpoint is not a deployment error");
        assertTrue(container.serves("/app/valid"));
    }
}
