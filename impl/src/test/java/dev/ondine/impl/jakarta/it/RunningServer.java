package dev.ondine.impl.jakarta.it;

import dev.ondine.api.OndineServer;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.function.Consumer;

/**
 * A real {@link OndineServer} on 127.0.0.1 and a free port, started before the tests of a
 * class and stopped after them:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(Echo.class));
 * }</pre>
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final Consumer<OndineServer.Builder> setup;
    private OndineServer server;

    private RunningServer(Consumer<OndineServer.Builder> setup) {
        this.setup = setup;
    }

    static RunningServer with(Consumer<OndineServer.Builder> setup) {
        return new RunningServer(setup);
    }

    /** Starts a server outside of an extension (a test that deploys its own endpoints). */
    static OndineServer start(Consumer<OndineServer.Builder> setup) throws Exception {
        OndineServer.Builder builder = OndineServer.builder().host("127.0.0.1").port(0);
        setup.accept(builder);
        return builder.start();
    }

    static URI uri(OndineServer server, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = start(setup);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop();
        }
    }

    URI uri(String pathAndQuery) {
        return uri(server, pathAndQuery);
    }

    /** Connects a recording client to {@code pathAndQuery} on this server. */
    EventClient connect(String pathAndQuery) throws Exception {
        return EventClient.connect(uri(pathAndQuery));
    }

    OndineServer server() {
        return server;
    }

    ServerContainer container() {
        return server.container();
    }
}
