package dev.ondine.tck.spec.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/**
 * {@code ServerContainer.addEndpoint} once the application is deployed: "IllegalStateException
 * if the containing websocket application has already been deployed" (the 2.1 and 2.2 javadoc).
 * The endpoint tries both forms from a running session and says what happened; the
 * application's configuration keeps {@link Late} out of the deployment, so that only a late
 * {@code addEndpoint} could put it in service.
 */
public final class LateAddApp {
    private LateAddApp() {
    }

    @ServerEndpoint("/late-add")
    public static class Adder {
        @OnMessage
        public String onMessage(String form, Session session) {
            WebSocketContainer container = session.getContainer();
            if (!(container instanceof ServerContainer server)) {
                return "the session's container is no ServerContainer: " + container.getClass().getName();
            }
            try {
                if (form.equals("class")) {
                    server.addEndpoint(Late.class);
                } else {
                    server.addEndpoint(ServerEndpointConfig.Builder.create(Late.class, "/late-config").build());
                }
                return "added";
            } catch (Exception e) {
                return e.getClass().getSimpleName();
            }
        }
    }

    /** Deploys {@link Adder} only. */
    public static class OnlyTheAdder implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(Adder.class);
        }
    }

    @ServerEndpoint("/late")
    public static class Late {
        @OnMessage
        public String onMessage(String text) {
            return "late " + text;
        }
    }
}
