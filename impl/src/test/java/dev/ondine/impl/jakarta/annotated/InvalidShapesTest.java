package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * More method shapes that Jakarta WebSocket 2.2 §4.5-§4.7 does not allow, on both sides:
 * a partial flag that is not a boolean, a type no decoder produces, an extra parameter of
 * a lifecycle method, and a path parameter of a type the container cannot convert to.
 * Each must fail deployment (the server's model) or {@code connectToServer} (the client's).
 */
class InvalidShapesTest {

    private static void serverRejects(Class<?> type) {
        assertThrows(DeploymentException.class, () -> AnnotatedEndpointModel.forServer(type, Set.of("arg")));
    }

    private static void clientRejects(Class<?> type) {
        assertThrows(DeploymentException.class, () -> AnnotatedEndpointModel.forClient(type));
    }

    /** Not a String. */
    public static final class Holder {
    }

    @ClientEndpoint
    public static class TextWithIntFlag {
        @OnMessage
        public void text(String message, int last) {
        }
    }

    @ClientEndpoint
    public static class BinaryWithIntFlag {
        @OnMessage
        public void binary(ByteBuffer message, int last) {
        }
    }

    @ClientEndpoint
    public static class BigDecimalWithoutDecoder {
        @OnMessage
        public void number(BigDecimal value) {
        }
    }

    @ClientEndpoint
    public static class HolderWithoutDecoder {
        @OnMessage
        public void holder(Holder value) {
        }
    }

    @Test
    void clientMessageMethodsOfNoAllowedFormAreRejected() {
        clientRejects(TextWithIntFlag.class);
        clientRejects(BinaryWithIntFlag.class);
        clientRejects(BigDecimalWithoutDecoder.class);
        clientRejects(HolderWithoutDecoder.class);
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class CloseWithException {
        @OnMessage
        public String echo(String s) {
            return s;
        }

        @OnClose
        public void close(Session session, Exception extra) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class OpenWithExtra {
        @OnOpen
        public void open(Session session, EndpointConfig config, String extra) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class ErrorWithExtra {
        @OnError
        public void error(Session session, Throwable t, String extra) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class HolderPathParam {
        @OnClose
        public void close(Session session, @PathParam("arg") Holder holder) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class TextWithIntFlagServer {
        @OnMessage
        public void text(String message, int last) {
        }
    }

    @Test
    void serverMethodsOfNoAllowedFormAreRejected() {
        serverRejects(CloseWithException.class);
        serverRejects(OpenWithExtra.class);
        serverRejects(ErrorWithExtra.class);
        serverRejects(HolderPathParam.class);
        serverRejects(TextWithIntFlagServer.class);
    }
}
