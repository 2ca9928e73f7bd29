package dev.ondine.impl.transport.nio;

import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.HttpRequestParser;
import dev.ondine.impl.protocol.handshake.ServerHandshake;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.HttpResponder;
import dev.ondine.impl.transport.PeerConnection;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP phase of an accepted socket (RFC 6455 §4.2): read the upgrade request head
 * within the size and time limits, check it, ask the {@link UpgradeAcceptor} (on the
 * application's executor when there is one: it runs user code), then write
 * either the 101 response and hand the socket to a new {@link WebSocketConnection}, or an
 * HTTP error response and close. A request that asks for no upgrade goes to the
 * {@link HttpResponder}, if there is one.
 */
final class ServerHandshakePhase implements NioChannel.Phase {
    private static final Logger LOG = Logger.getLogger(ServerHandshakePhase.class.getName());

    private final NioChannel channel;
    private final UpgradeAcceptor acceptor;
    private final HttpResponder responder;
    /** Where the application's part of the handshake runs; null: on the loop thread. */
    private final Executor applicationExecutor;
    private final HttpRequestParser parser;
    private final Transport.Cancellable timeout;
    /** Response bytes not yet written, and what to do once they are. */
    private ByteBuffer pendingResponse;
    private Runnable afterResponse;
    private boolean done;

    ServerHandshakePhase(NioChannel channel, UpgradeAcceptor acceptor, HttpResponder responder,
                         Executor applicationExecutor, int maxHeadBytes, long timeoutMillis) {
        this.channel = channel;
        this.acceptor = acceptor;
        this.responder = responder;
        this.applicationExecutor = applicationExecutor;
        this.parser = new HttpRequestParser(maxHeadBytes);
        // Slowloris: a client that does not finish its request in time is dropped.
        this.timeout = channel.schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onRead(ByteBuffer bytes) {
        if (done) {
            bytes.position(bytes.limit()); // the request is answered; anything more is ignored
            return;
        }
        HttpRequestHead head;
        try {
            head = parser.feed(bytes);
        } catch (HandshakeException e) {
            bytes.position(bytes.limit());
            refuse(e);
            return;
        }
        if (head == null) {
            return; // need more bytes
        }
        // A plain HTTP request (a page of the application) goes to the responder; anything
        // else must be a valid upgrade request, checked here (RFC 6455 §4.2.1): a bad one is
        // refused without reaching the application.
        boolean plainHttp = responder != null && !head.headers().containsToken("Upgrade", "websocket");
        WebSocketUpgradeRequest request = null;
        if (!plainHttp) {
            try {
                request = ServerHandshake.validate(head);
            } catch (HandshakeException e) {
                bytes.position(bytes.limit());
                refuse(e);
                return;
            }
        }
        done = true;
        timeout.cancel();
        PeerConnection connection = channel.connectionInfo();
        // Frames the client sent right after its request belong to the connection.
        ByteBuffer early = null;
        if (bytes.hasRemaining()) {
            early = ByteBuffer.allocate(bytes.remaining());
            early.put(bytes).flip();
        }
        if (applicationExecutor == null) {
            answer(decide(head, request, connection), early);
            return;
        }
        // The decision runs application code (a configurator's checkOrigin and modifyHandshake,
        // the endpoint's constructor, decoders' init, static files): off this selector thread,
        // so that a slow one (a database lookup) does not stall the loop's other connections.
        // Reading waits until the answer is written; the handshake timeout was for the client.
        channel.pauseReading();
        ByteBuffer leftover = early;
        WebSocketUpgradeRequest valid = request;
        try {
            applicationExecutor.execute(() -> {
                Decision d;
                try {
                    d = decide(head, valid, connection);
                } catch (Throwable t) { // an Error from application code: the client still gets an answer
                    LOG.log(Level.WARNING, "Handshake for " + head.target() + " failed", t);
                    d = new Decision(null, ServerHandshake.reject(new HandshakeException(500, "Internal Server Error")));
                }
                Decision decided = d;
                channel.execute(() -> answer(decided, leftover));
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: no application code runs any more.
            acceptor.refusedBeforeAccept(503);
            answer(new Decision(null, ServerHandshake.reject(new HandshakeException(503, "Service Unavailable"))), leftover);
        }
    }

    /** The answer to a request: the response, and the upgrade it accepts (null when it refuses). */
    private record Decision(Upgrade upgrade, ByteBuffer response) {
    }

    /**
     * Decides on a complete request head: the application's code runs here. {@code request}
     * is the checked upgrade request, or null for a plain HTTP request to the responder;
     * {@code connection} the socket's addresses and TLS session.
     */
    private Decision decide(HttpRequestHead head, WebSocketUpgradeRequest request, PeerConnection connection) {
        if (request == null) {
            ByteBuffer answer;
            try {
                answer = responder.respond(head);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "HTTP responder failed for " + head.target(), e);
                answer = ServerHandshake.reject(new HandshakeException(500, "Internal Server Error"));
            }
            if (answer != null) {
                return new Decision(null, answer);
            }
            try {
                request = ServerHandshake.validate(head); // nothing to serve: refused as an upgrade (400/426)
            } catch (HandshakeException e) {
                acceptor.refusedBeforeAccept(e.status());
                return new Decision(null, ServerHandshake.reject(e));
            }
        }
        try {
            Upgrade upgrade = acceptor.accept(request, connection);
            // Inside the try: a configurator's choice no response can carry (a subprotocol
            // that is not a token) is a 500 for this request, not an error of the selector.
            ByteBuffer response = ServerHandshake.accept(request.key(), upgrade.subprotocol(), upgrade.extensions(),
                    upgrade.extraHeaders());
            return new Decision(upgrade, response);
        } catch (HandshakeException e) {
            return new Decision(null, ServerHandshake.reject(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Upgrade acceptor failed for " + head.target(), e);
            return new Decision(null, ServerHandshake.reject(new HandshakeException(500, "Internal Server Error")));
        }
    }

    /** Writes the decision's response; on the channel's loop thread. */
    private void answer(Decision d, ByteBuffer early) {
        if (channel.isClosed()) {
            return; // the peer left while the application decided; a session never started is dropped
        }
        if (d.upgrade() == null) {
            respond(d.response(), channel::close);
        } else {
            respond(d.response(), () -> startWebSocket(d.upgrade(), early));
        }
    }

    private void startWebSocket(Upgrade upgrade, ByteBuffer early) {
        WebSocketConnection connection = upgrade.newConnection(Role.SERVER, channel, null);
        channel.setPhase(new WebSocketPhase(connection));
        if (applicationExecutor != null) {
            channel.resumeReading(); // paused while the application decided
        }
        connection.start();
        if (early != null) {
            connection.onBytesReceived(early);
        }
    }

    private void refuse(HandshakeException e) {
        acceptor.refusedBeforeAccept(e.status());
        done = true;
        timeout.cancel();
        respond(ServerHandshake.reject(e), channel::close);
    }

    private void timedOut() {
        if (!done && channel.tlsHandshaking()) {
            // Still in the TLS handshake: there is no way to answer in HTTP yet.
            done = true;
            channel.end(new IOException("TLS handshake not completed in time"));
            return;
        }
        if (!done) {
            done = true;
            // RFC 7231 §6.5.7: 408 Request Timeout, then close.
            acceptor.refusedBeforeAccept(408);
            respond(ServerHandshake.reject(new HandshakeException(408, "Request Timeout")), channel::close);
        }
    }

    private void respond(ByteBuffer response, Runnable then) {
        pendingResponse = response;
        afterResponse = then;
        onWritable();
    }

    @Override
    public void onWritable() {
        if (pendingResponse == null) {
            return;
        }
        try {
            channel.write(new ByteBuffer[] {pendingResponse}, 0, 1);
        } catch (IOException e) {
            channel.end(e);
            return;
        }
        if (pendingResponse.hasRemaining()) {
            channel.requestWritable();
            return;
        }
        pendingResponse = null;
        Runnable then = afterResponse;
        afterResponse = null;
        then.run();
    }

    @Override
    public void onClosed(IOException cause) {
        timeout.cancel();
    }
}
