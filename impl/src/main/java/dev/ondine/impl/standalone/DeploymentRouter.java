package dev.ondine.impl.standalone;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.jakarta.server.OndineServerContainer;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.HttpRequestHead;
import dev.ondine.impl.protocol.handshake.HttpResponses;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.HttpResponder;
import dev.ondine.impl.transport.PeerConnection;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Several applications on one standalone server, each under its own context path (as the
 * web applications of a servlet container): a request goes to the application with the
 * longest context path that is a prefix of its path, on a segment boundary; with none, an
 * upgrade gets 404 and a plain request 404. User code reached from here (configurators,
 * static files) runs with the application's class loader as the thread's context loader.
 */
public final class DeploymentRouter implements UpgradeAcceptor, HttpResponder {

    /**
     * One application.
     *
     * @param contextPath {@code ""} for the root, else {@code "/name"}
     * @param acceptor its WebSocket endpoints (paths relative to the context path are its business)
     * @param responder its static files, given the path relative to the context path; or null
     * @param loader its class loader, or null to leave the context loader as it is
     */
    public record Application(String contextPath, UpgradeAcceptor acceptor, HttpResponder responder, ClassLoader loader) {
        public Application {
            contextPath = OndineServerContainer.normalizeContextPath(contextPath);
            Objects.requireNonNull(acceptor, "acceptor");
        }
    }

    /** Longest context path first, so the first match is the one to take. */
    private final CopyOnWriteArrayList<Application> applications = new CopyOnWriteArrayList<>();

    /** Adds an application; its context path must be free. */
    public synchronized void add(Application application) {
        for (Application a : applications) {
            if (a.contextPath().equals(application.contextPath())) {
                throw new IllegalStateException("The context path '" + application.contextPath() + "' is taken");
            }
        }
        List<Application> next = new ArrayList<>(applications);
        next.add(application);
        next.sort(Comparator.comparingInt((Application a) -> a.contextPath().length()).reversed());
        applications.clear();
        applications.addAll(next);
    }

    /** Removes the application at {@code contextPath}; new requests for it get 404. */
    public synchronized boolean remove(String contextPath) {
        String p = OndineServerContainer.normalizeContextPath(contextPath);
        return applications.removeIf(a -> a.contextPath().equals(p));
    }

    /** The application that serves {@code path}, or null. */
    Application find(String path) {
        for (Application a : applications) {
            if (OndineServerContainer.relativePath(a.contextPath(), path) != null) {
                return a;
            }
        }
        return null;
    }

    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, SocketAddress remote, boolean secure) throws HandshakeException {
        return accept(request, PeerConnection.of(remote, null, secure));
    }

    /** Hands the request, with its connection, to the application whose context path it is under. */
    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, ConnectionInfo connection) throws HandshakeException {
        Application a = find(request.path());
        if (a == null) {
            throw new HandshakeException(404, "No application at " + request.path());
        }
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        if (a.loader() != null) {
            t.setContextClassLoader(a.loader());
        }
        try {
            return a.acceptor().accept(request, connection);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    @Override
    public ByteBuffer respond(HttpRequestHead request) {
        String target = request.target();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Application a = find(path);
        if (a == null || a.responder() == null) {
            return HttpResponses.text(404, "Not Found", "HEAD".equals(request.method()));
        }
        String rest = OndineServerContainer.relativePath(a.contextPath(), path) + (q < 0 ? "" : target.substring(q));
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        if (a.loader() != null) {
            t.setContextClassLoader(a.loader());
        }
        try {
            return a.responder().respond(new HttpRequestHead(request.method(), rest, request.version(), request.headers()));
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
