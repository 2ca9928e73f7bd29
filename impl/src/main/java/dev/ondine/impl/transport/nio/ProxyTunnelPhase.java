package dev.ondine.impl.transport.nio;

import dev.ondine.impl.core.Transport;
import dev.ondine.impl.protocol.proxy.AuthChallenge;
import dev.ondine.impl.protocol.proxy.ConnectAnswer;
import dev.ondine.impl.protocol.proxy.ConnectException;
import dev.ondine.impl.protocol.proxy.ConnectRequest;
import dev.ondine.impl.protocol.proxy.ConnectResponseReader;
import dev.ondine.impl.transport.ClientProxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The first phase of a client socket connected to an HTTP proxy: send {@code CONNECT} for
 * the target (RFC 9110 §9.3.6), read the proxy's answer strictly and within the handshake's
 * head size and the time left of the connect timeout, then hand the socket, and any bytes
 * the proxy sent after its 2xx (the tunnel's first bytes), to the next phase. Everything
 * runs on the channel's selector thread; nothing blocks.
 */
final class ProxyTunnelPhase implements NioChannel.Phase {

    /** What the phase ends with; called once, on the loop thread. */
    interface Outcome {
        /** The tunnel is open; {@code early} holds what the proxy sent after its answer (consume it). */
        void established(NioChannel channel, ByteBuffer early);

        /** 407 and credentials were not sent yet: try once more, with them, on a new connection. */
        void retryWithCredentials();

        /**
         * The tunnel could not be made; the socket is closed.
         *
         * @param unreachable the proxy was silent or went away without answering
         */
        void failed(IOException cause, boolean unreachable);
    }

    private final NioChannel channel;
    private final ClientProxy proxy;
    private final String target;
    private final boolean credentialsSent;
    private final ConnectResponseReader reader;
    private final Outcome outcome;
    private final long connectTimeoutMillis;
    private final Transport.Cancellable timeout;
    private ByteBuffer pendingRequest;
    private boolean done;

    /**
     * @param host the target's host as in the URI, {@code port} its port
     * @param sendCredentials whether to send the proxy's credentials with this request
     *        (after a 407 on an earlier connection)
     * @param maxHeadBytes the size limit of the proxy's answer
     * @param remainingMillis how long the proxy may take to answer: what is left of the
     *        connect timeout, {@code connectTimeoutMillis}
     */
    ProxyTunnelPhase(NioChannel channel, ClientProxy proxy, String host, int port, boolean sendCredentials,
                     int maxHeadBytes, long remainingMillis, long connectTimeoutMillis, Outcome outcome) {
        this.channel = channel;
        this.proxy = proxy;
        this.target = host + ":" + port;
        this.credentialsSent = sendCredentials && proxy.credentials() != null;
        this.pendingRequest = ConnectRequest.bytes(host, port, credentialsSent ? proxy.credentials() : null);
        this.reader = new ConnectResponseReader(maxHeadBytes);
        this.outcome = outcome;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.timeout = channel.schedule(this::timedOut, Math.max(1, remainingMillis), TimeUnit.MILLISECONDS);
    }

    /** Sends the request; on the loop thread, once the socket is registered. */
    void begin() {
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
            fail(new IOException("Sending CONNECT " + target + " to " + proxy + " failed: " + e.getMessage(), e), true);
        }
    }

    @Override
    public void onRead(ByteBuffer bytes) {
        if (done) {
            bytes.position(bytes.limit());
            return;
        }
        ConnectAnswer answer;
        try {
            answer = reader.feed(bytes);
            if (answer == null) {
                return;
            }
            if (answer.tunnelEstablished()) {
                done = true;
                timeout.cancel();
                outcome.established(channel, bytes);
                return;
            }
            // Some proxies (tinyproxy) answer wrong credentials with 401 rather than 407.
            if (answer.authenticationRequired() || (credentialsSent && answer.status() == 401)) {
                authenticationRequired(answer);
                bytes.position(bytes.limit());
                return;
            }
        } catch (ConnectException e) {
            bytes.position(bytes.limit());
            fail(new IOException(proxy + " sent a bad answer to CONNECT " + target + ": " + e.getMessage()), false);
            return;
        }
        bytes.position(bytes.limit());
        fail(new IOException(proxy + " refused CONNECT " + target + ": " + answer.statusLine()), false);
    }

    /** 407 (or 401 to credentials): retry once with Basic credentials on a new connection, or say why not. */
    private void authenticationRequired(ConnectAnswer answer) throws ConnectException {
        String said = proxy + " answered CONNECT " + target + " with " + answer.statusLine();
        if (proxy.credentials() == null) {
            fail(new IOException(said + ", and no proxy credentials are configured"), false);
            return;
        }
        if (credentialsSent) {
            fail(new IOException(said + ": it refused the credentials of user " + proxy.credentials().user()), false);
            return;
        }
        Optional<AuthChallenge> basic = answer.basicChallenge();
        if (basic.isEmpty()) {
            List<AuthChallenge> offered = answer.challenges();
            String schemes = offered.isEmpty() ? "no scheme"
                    : offered.stream().map(AuthChallenge::scheme).collect(Collectors.joining(", "));
            fail(new IOException(said + ": it asks for " + schemes + ", and only Basic is supported"), false);
            return;
        }
        done = true;
        timeout.cancel();
        channel.end(null);
        outcome.retryWithCredentials();
    }

    private void timedOut() {
        if (!done) {
            fail(new IOException(proxy + " did not answer CONNECT " + target + " within the connect timeout ("
                    + connectTimeoutMillis + " ms)"),
                    true);
        }
    }

    /** The caller gave up: the connection to the proxy closes. */
    void cancelled(IOException cause) {
        fail(cause, false);
    }

    private void fail(IOException cause, boolean unreachable) {
        if (done) {
            return;
        }
        done = true;
        timeout.cancel();
        channel.end(null);
        outcome.failed(cause, unreachable);
    }

    @Override
    public void onClosed(IOException cause) {
        timeout.cancel();
        if (!done) {
            done = true;
            String why = cause == null ? "closed the connection" : "failed (" + cause.getMessage() + ")";
            outcome.failed(new IOException(proxy + " " + why + " before answering CONNECT " + target, cause), true);
        }
    }
}
