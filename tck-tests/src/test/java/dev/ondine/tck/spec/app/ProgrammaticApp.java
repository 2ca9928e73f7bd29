package dev.ondine.tck.spec.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Programmatic endpoints and message handlers (chapter 2, §6.2): an application config
 * deploys the {@link Endpoint} subclasses it is given at paths of its choosing, and keeps
 * one of the two annotated endpoints out.
 */
public final class ProgrammaticApp {
    private ProgrammaticApp() {
    }

    public static class Config implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            Set<ServerEndpointConfig> configs = new HashSet<>();
            for (Class<? extends Endpoint> c : scanned) {
                if (c == WholeHandlers.class) {
                    configs.add(ServerEndpointConfig.Builder.create(c, "/whole").build());
                } else if (c == PartialHandlers.class) {
                    configs.add(ServerEndpointConfig.Builder.create(c, "/partial").build());
                } else if (c == HandlerRules.class) {
                    configs.add(ServerEndpointConfig.Builder.create(c, "/rules").build());
                }
            }
            return configs;
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            Set<Class<?>> keep = new HashSet<>(scanned);
            keep.remove(Excluded.class);
            return keep;
        }
    }

    public static class WholeHandlers extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> reply(session, "whole:" + text));
            session.addMessageHandler(ByteBuffer.class, data -> reply(session, "binary:" + data.remaining()));
        }
    }

    public static class PartialHandlers extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            StringBuilder sb = new StringBuilder();
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                sb.append(part);
                if (last) {
                    reply(session, "partial:" + sb);
                    sb.setLength(0);
                }
            });
        }
    }

    /** The handler rules of Session.addMessageHandler: one handler per message type. */
    public static class HandlerRules extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            MessageHandler.Whole<String> first = text -> {
                if (text.equals("swap")) {
                    session.removeMessageHandler(session.getMessageHandlers().iterator().next());
                    session.addMessageHandler(String.class, t -> reply(session, "second:" + t));
                    reply(session, "swapped");
                } else {
                    reply(session, "first:" + text);
                }
            };
            session.addMessageHandler(String.class, first);
            String second;
            try {
                session.addMessageHandler(String.class, t -> { });
                second = "accepted";
            } catch (IllegalStateException e) {
                second = "IllegalStateException";
            }
            Probe.record("second text handler: " + second + ", handlers: " + session.getMessageHandlers().size());
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            Probe.record("onClose " + closeReason.getCloseCode().getCode());
        }
    }

    @ServerEndpoint("/kept")
    public static class Kept {
        @OnMessage
        public String echo(String text) {
            return "kept:" + text;
        }
    }

    @ServerEndpoint("/excluded")
    public static class Excluded {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    static void reply(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
