package dev.ondine.impl.transport.nio;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.handshake.ClientHandshake;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HandshakeResult;
import dev.ondine.impl.protocol.handshake.HttpResponseHead;
import dev.ondine.impl.protocol.handshake.HttpResponseParser;
import dev.ondine.impl.transport.Upgrade;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP phase of a client socket (RFC 6455 §4.1): write the upgrade request, read and
 * check the response within the size and time limits, then hand the socket to a new
 * client-role {@link WebSocketConnection} and complete the caller's future.
 */
final class ClientHandshakePhase implements NioChannel.Phase {
    private final NioChannel channel;
    private final ClientHandshake handshake;
    private final HttpResponseParser parser;
    private final Function<HandshakeResult, Upgrade> listenerFactory;
    private final Limits limits;
    private final MaskKeySource maskKeys;
    private final CompletableFuture<WebSocketConnection> result;
    private final Transport.Cancellable timeout;
    private ByteBuffer pendingRequest;
    private boolean done;

    ClientHandshakePhase(NioChannel channel, ClientHandshake handshake, Function<HandshakeResult, Upgrade> listenerFactory,
                         Limits limits, MaskKeySource maskKeys, CompletableFuture<WebSocketConnection> result) {
        this.channel = channel;
        this.handshake = handshake;
        this.parser = new HttpResponseParser(limits.maxHandshakeHeaderBytes());
        this.listenerFactory = listenerFactory;
        this.limits = limits;
        this.maskKeys = maskKeys;
        this.result = result;
        this.timeout = channel.schedule(this::timedOut, limits.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the request; on the loop thread, once the socket is registered. */
    void begin() {
        pendingRequest = handshake.request();
        onWritable();
    }

    @Override
    public void onWritable() {
        if (pendingRequest == null || done) {
            return;
        }
        try {
            if (channel.writeHead(pendingRequest)) {
                pendingRequest = null;
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onRead(ByteBuffer bytes) {
        if (done) {
            bytes.position(bytes.limit());
            return;
        }
        HttpResponseHead head;
        HandshakeResult accepted;
        Upgrade upgrade;
        try {
            head = parser.feed(bytes);
            if (head == null) {
                return;
            }
            if (result.isDone()) {
                bytes.position(bytes.limit());
                fail(new IOException("Connect cancelled")); // no session for a caller that has gone
                return;
            }
            accepted = handshake.validate(head);
            upgrade = listenerFactory.apply(accepted);
        } catch (HandshakeException e) {
            bytes.position(bytes.limit());
            fail(e);
            return;
        } catch (RuntimeException e) {
            bytes.position(bytes.limit());
            fail(e);
            return;
        }
        done = true;
        timeout.cancel();
        WebSocketConnection connection = upgrade.newConnection(Role.CLIENT, channel, maskKeys);
        channel.setPhase(new WebSocketPhase(connection));
        connection.start();
        if (!result.complete(connection)) {
            // Cancelled meanwhile, from another thread: the caller will not take it.
            connection.close(CloseCodes.GOING_AWAY, "Connect cancelled");
            return;
        }
        if (bytes.hasRemaining()) {
            // Frames the server sent right after its 101 response.
            connection.onBytesReceived(bytes);
        }
    }

    /** The caller gave up: the socket closes if the handshake is still under way. */
    void cancelled() {
        fail(new IOException("Connect cancelled"));
    }

    private void timedOut() {
        if (!done) {
            fail(new IOException("Opening handshake not completed within " + limits.handshakeTimeoutMillis() + " ms"));
        }
    }

    private void fail(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        timeout.cancel();
        result.completeExceptionally(cause);
        channel.end(null);
    }

    @Override
    public void onClosed(IOException cause) {
        timeout.cancel();
        if (!done) {
            done = true;
            result.completeExceptionally(cause != null ? cause
                    : new IOException("Connection closed by the server during the opening handshake"));
        }
    }
}
