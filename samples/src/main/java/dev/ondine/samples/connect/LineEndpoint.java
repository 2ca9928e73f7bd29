package dev.ondine.samples.connect;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The command's endpoint: each text message received is printed as it is, followed by a
 * line end; each binary message as one line {@code binary:} and its bytes in Base64 (RFC 4648
 * §4). Errors go to standard error. With {@code --reconnect} the same instance serves every
 * session.
 */
final class LineEndpoint extends Endpoint {
    /** Messages up to this size: the samples' echo takes 64 MiB. */
    static final int MAX_MESSAGE_BYTES = 64 << 20;

    private final PrintStream out;
    private final PrintStream err;
    /** The first session's end (without --reconnect there is only one). */
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    /** {@link System#nanoTime()} of the last message received. */
    private volatile long lastReceived = System.nanoTime();

    LineEndpoint(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::print);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data ->
                print("binary:" + Base64.getEncoder().encodeToString(bytes(data))));
    }

    long lastReceived() {
        return lastReceived;
    }

    private void print(String line) {
        lastReceived = System.nanoTime();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        return b;
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        err.println("Error: " + ConnectCommand.oneLine(error));
    }
}
