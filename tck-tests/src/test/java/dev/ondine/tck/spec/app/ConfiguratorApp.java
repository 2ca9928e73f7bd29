package dev.ondine.tck.spec.app;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** ServerEndpointConfig.Configurator (§3.1): origin, subprotocol, handshake headers, endpoint instances. */
public final class ConfiguratorApp {
    private ConfiguratorApp() {
    }

    public static class Custom extends ServerEndpointConfig.Configurator {
        private static final Shared SHARED = new Shared();

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return !"http://evil.example".equals(originHeaderValue);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> hello = request.getHeaders().get("X-Hello");
            response.getHeaders().put("X-Reply", List.of("hello " + (hello == null ? "nobody" : hello.get(0))));
            sec.getUserProperties().put("query", request.getQueryString());
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            // the server's order of preference, not the client's
            for (String s : supported) {
                if (requested.contains(s)) {
                    return s;
                }
            }
            return "";
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            return endpointClass == Shared.class ? (T) SHARED : super.getEndpointInstance(endpointClass);
        }
    }

    @ServerEndpoint(value = "/configured", configurator = Custom.class, subprotocols = {"v2", "v1"})
    public static class Configured {
        @OnMessage
        public String onMessage(String text, Session s) {
            return switch (text) {
                case "subprotocol" -> s.getNegotiatedSubprotocol();
                case "query" -> String.valueOf(s.getUserProperties().get("query"));
                default -> text;
            };
        }
    }

    /** One instance for every connection, from the configurator. */
    @ServerEndpoint(value = "/shared", configurator = Custom.class)
    public static class Shared {
        private int count;

        @OnMessage
        public synchronized String onMessage(String text) {
            return String.valueOf(++count);
        }
    }

    /** The default configurator: a new instance per connection. */
    @ServerEndpoint("/per-connection")
    public static class PerConnection {
        private int count;

        @OnMessage
        public String onMessage(String text) {
            return String.valueOf(++count);
        }
    }
}
