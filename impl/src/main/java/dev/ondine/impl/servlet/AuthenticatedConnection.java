package dev.ondine.impl.servlet;

import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.PartSink;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.CloseCodes;

import java.nio.ByteBuffer;

/**
 * A connection opened under an authenticated HTTP session (Jakarta WebSocket 2.2 §7.2): its
 * listener (the session), wrapped so that {@link AuthenticatedHttpSessions} can close the
 * connection when the HTTP session ends, and learns when the connection ends. Everything
 * else is passed on unchanged.
 */
final class AuthenticatedConnection implements ConnectionListener {
    private final ConnectionListener session;
    private final AuthenticatedHttpSessions registry;
    /** The HTTP session's id while registered, else null; guarded by the registry. */
    String httpSessionId;
    /** Set once open; guarded by this. */
    private WebSocketConnection connection;
    /** The HTTP session has ended; guarded by this. */
    private boolean revoked;

    AuthenticatedConnection(ConnectionListener session, AuthenticatedHttpSessions registry) {
        this.session = session;
        this.registry = registry;
    }

    /**
     * The HTTP session has ended: the closing handshake starts with 1008 now, or as soon as
     * the connection opens. Does not wait for it.
     */
    void revoke() {
        WebSocketConnection c;
        synchronized (this) {
            revoked = true;
            c = connection;
        }
        if (c != null) {
            closeForPolicy(c);
        }
    }

    private static void closeForPolicy(WebSocketConnection c) {
        c.close(CloseCodes.POLICY_VIOLATION, AuthenticatedHttpSessions.REASON);
    }

    @Override
    public void onOpen(WebSocketConnection c) {
        try {
            session.onOpen(c);
        } finally {
            boolean close;
            synchronized (this) {
                connection = c;
                close = revoked;
            }
            if (close) {
                closeForPolicy(c);
            }
        }
    }

    @Override
    public void onClose(int code, String reason) {
        registry.remove(this);
        session.onClose(code, reason);
    }

    @Override
    public PartSink<String> textParts() {
        return session.textParts();
    }

    @Override
    public void onText(String message) {
        session.onText(message);
    }

    @Override
    public PartSink<ByteBuffer> binaryParts() {
        return session.binaryParts();
    }

    @Override
    public void onBinary(ByteBuffer message) {
        session.onBinary(message);
    }

    @Override
    public void onPing(ByteBuffer payload) {
        session.onPing(payload);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        session.onPong(payload);
    }

    @Override
    public void onError(Throwable error) {
        session.onError(error);
    }

    @Override
    public void onCloseFrame(Runnable answer) {
        session.onCloseFrame(answer);
    }
}
