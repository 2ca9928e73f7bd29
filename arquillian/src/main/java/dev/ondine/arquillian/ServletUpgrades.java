package dev.ondine.arquillian;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.jakarta.server.ServerUpgradeAcceptor;
import dev.ondine.impl.protocol.handshake.HandshakeException;
import dev.ondine.impl.protocol.handshake.WebSocketUpgradeRequest;
import dev.ondine.impl.transport.PeerConnection;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.UpgradeAcceptor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The archive's {@code @WebServlet} servlets, for WebSocket upgrade requests only: a
 * handshake to a path no endpoint serves but a servlet's URL pattern matches runs that
 * servlet (as a web container's chain does after Ondine's upgrade filter let the request
 * through), with a request and a response of the adapter's own; the servlet may call
 * {@code ServerContainer.upgradeHttpToWebSocket} (Jakarta WebSocket 2.2 §6.4), and the
 * connection is upgraded when it returns. A servlet that does not upgrade answers the
 * handshake with its status (400 when it set none). Plain HTTP requests never reach servlets
 * on the standalone server.
 */
final class ServletUpgrades implements UpgradeAcceptor {
    private static final Logger LOG = Logger.getLogger(ServletUpgrades.class.getName());
    private static final ThreadLocal<Pending> CURRENT = new ThreadLocal<>();

    private final StandaloneServerContainer container;
    private final ServerUpgradeAcceptor endpoints;
    private final ServletContext context;
    private final ClassLoader loader;
    /** URL pattern to servlet class, in the archive's order. */
    private final Map<String, Class<?>> patterns = new LinkedHashMap<>();
    private final Map<Class<?>, Servlet> instances = new ConcurrentHashMap<>();

    ServletUpgrades(StandaloneServerContainer container, ServletContext context, ClassLoader loader,
                    List<Class<?>> servlets) {
        this.container = container;
        this.endpoints = container.acceptor();
        this.context = context;
        this.loader = loader;
        for (Class<?> c : servlets) {
            WebServlet ws = c.getAnnotation(WebServlet.class);
            List<String> all = new ArrayList<>(List.of(ws.value()));
            all.addAll(List.of(ws.urlPatterns()));
            for (String p : all) {
                patterns.putIfAbsent(p, c);
            }
        }
    }

    /** What a servlet running for an upgrade request is doing. */
    static final class Pending {
        final WebSocketUpgradeRequest request;
        final ConnectionInfo connection;
        final Object servletRequest;
        Upgrade upgrade;
        HandshakeException refusal;
        int status;

        Pending(WebSocketUpgradeRequest request, ConnectionInfo connection, Object servletRequest) {
            this.request = request;
            this.connection = connection;
            this.servletRequest = servletRequest;
        }
    }

    /**
     * {@code ServerContainer.upgradeHttpToWebSocket} for a request of a servlet this class
     * runs; false when {@code servletRequest} is none of those.
     */
    static boolean upgrade(StandaloneServerContainer container, Object servletRequest, ServerEndpointConfig sec,
                           Map<String, String> pathParameters) throws DeploymentException {
        Pending p = CURRENT.get();
        if (p == null || p.servletRequest != servletRequest) {
            return false;
        }
        if (p.upgrade != null) {
            throw new IllegalStateException("The request is upgraded already");
        }
        try {
            p.upgrade = container.acceptor().accept(p.request, p.connection.secure(),
                    HandshakeContext.standalone(p.connection), sec, pathParameters);
        } catch (HandshakeException e) {
            p.refusal = e;
        }
        return true;
    }

    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, SocketAddress remote, boolean secure)
            throws HandshakeException {
        return accept(request, PeerConnection.of(remote, null, secure));
    }

    @Override
    public Upgrade accept(WebSocketUpgradeRequest request, ConnectionInfo connection) throws HandshakeException {
        String path = container.relativePath(request.path());
        Map.Entry<String, Class<?>> match = path == null || container.hasEndpointAt(request.path()) ? null : match(path);
        if (match == null) {
            return endpoints.accept(request, connection);
        }
        SocketAddress remote = connection.remoteAddress();
        boolean secure = connection.secure();
        Servlet servlet;
        try {
            servlet = instance(match.getValue());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot start the servlet " + match.getValue().getName(), e);
            throw new HandshakeException(500, "Internal Server Error");
        }
        String servletPath = servletPath(match.getKey(), path);
        HttpServletRequest req = request(request, remote, secure, servletPath, path);
        Pending pending = new Pending(request, connection, req);
        HttpServletResponse resp = response(pending);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        CURRENT.set(pending);
        try {
            servlet.service(req, resp);
        } catch (Exception | LinkageError e) {
            if (pending.upgrade == null) {
                LOG.log(Level.WARNING, "The servlet " + servlet.getClass().getName() + " failed on " + request.path(), e);
                throw new HandshakeException(500, "Internal Server Error");
            }
            LOG.log(Level.WARNING, "The servlet " + servlet.getClass().getName() + " failed after the upgrade", e);
        } finally {
            CURRENT.remove();
            t.setContextClassLoader(previous);
        }
        if (pending.upgrade != null) {
            return pending.upgrade;
        }
        if (pending.refusal != null) {
            throw pending.refusal;
        }
        int status = pending.status >= 400 ? pending.status : 400;
        throw new HandshakeException(status, "The servlet at " + request.path() + " did not upgrade the request");
    }

    /** Calls destroy on the servlets that were started. */
    void destroy() {
        for (Servlet s : instances.values()) {
            try {
                s.destroy();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Servlet destroy failed", e);
            }
        }
        instances.clear();
    }

    private Servlet instance(Class<?> type) throws Exception {
        Servlet known = instances.get(type);
        if (known != null) {
            return known;
        }
        synchronized (instances) {
            known = instances.get(type);
            if (known != null) {
                return known;
            }
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Servlet s = (Servlet) constructor.newInstance();
            WebServlet ws = type.getAnnotation(WebServlet.class);
            Map<String, String> init = new LinkedHashMap<>();
            for (WebInitParam p : ws.initParams()) {
                init.put(p.name(), p.value());
            }
            String name = ws.name().isEmpty() ? type.getName() : ws.name();
            ServletConfig config = (ServletConfig) Proxy.newProxyInstance(ServletUpgrades.class.getClassLoader(),
                    new Class<?>[] {ServletConfig.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getServletName" -> name;
                        case "getServletContext" -> context;
                        case "getInitParameter" -> init.get((String) args[0]);
                        case "getInitParameterNames" -> Collections.enumeration(init.keySet());
                        case "toString" -> "ServletConfig[" + name + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                s.init(config);
            } finally {
                t.setContextClassLoader(previous);
            }
            instances.put(type, s);
            return s;
        }
    }

    /** The servlet mapping for {@code path} (Servlet 6.0 §12.1: exact, longest prefix, extension). */
    private Map.Entry<String, Class<?>> match(String path) {
        Map.Entry<String, Class<?>> best = null;
        int bestLength = -1;
        for (Map.Entry<String, Class<?>> e : patterns.entrySet()) {
            String p = e.getKey();
            if (p.equals(path)) {
                return e;
            }
            if (p.endsWith("/*")) {
                String prefix = p.substring(0, p.length() - 2);
                if ((path.equals(prefix) || path.startsWith(prefix + "/")) && prefix.length() > bestLength) {
                    best = e;
                    bestLength = prefix.length();
                }
            }
        }
        if (best != null) {
            return best;
        }
        for (Map.Entry<String, Class<?>> e : patterns.entrySet()) {
            String p = e.getKey();
            if (p.startsWith("*.") && path.endsWith(p.substring(1))) {
                return e;
            }
        }
        for (Map.Entry<String, Class<?>> e : patterns.entrySet()) {
            if (e.getKey().equals("/")) {
                return e;
            }
        }
        return null;
    }

    private static String servletPath(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            return pattern.substring(0, pattern.length() - 2);
        }
        return path;
    }

    private HttpServletRequest request(WebSocketUpgradeRequest ws, SocketAddress remote, boolean secure,
                                       String servletPath, String path) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        Map<String, String[]> parameters = parameters(ws.rawQuery());
        String pathInfo = path.length() > servletPath.length() ? path.substring(servletPath.length()) : null;
        String host = ws.host();
        int colon = host.lastIndexOf(':');
        boolean literal6 = host.endsWith("]");
        String serverName = colon > 0 && !literal6 ? host.substring(0, colon) : host;
        int serverPort = colon > 0 && !literal6 ? Integer.parseInt(host.substring(colon + 1)) : secure ? 443 : 80;
        return (HttpServletRequest) Proxy.newProxyInstance(ServletUpgrades.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    String n = m.getName();
                    switch (n) {
                        case "getMethod": return "GET";
                        case "getRequestURI": return ws.path();
                        case "getQueryString": return ws.rawQuery();
                        case "getRequestURL": return new StringBuffer((secure ? "https://" : "http://") + host + ws.path());
                        case "getContextPath": return container.contextPath();
                        case "getServletPath": return servletPath;
                        case "getPathInfo": return pathInfo;
                        case "getHeader": return ws.headers().first((String) args[0]);
                        case "getHeaders": return Collections.enumeration(ws.headers().all((String) args[0]));
                        case "getHeaderNames": return Collections.enumeration(ws.headers().names());
                        case "getIntHeader": {
                            String v = ws.headers().first((String) args[0]);
                            return v == null ? -1 : Integer.parseInt(v.trim());
                        }
                        case "getDateHeader":
                            if (ws.headers().first((String) args[0]) == null) {
                                return -1L;
                            }
                            throw new UnsupportedOperationException("getDateHeader");
                        case "getScheme": return secure ? "https" : "http";
                        case "isSecure": return secure;
                        case "getProtocol": return "HTTP/1.1";
                        case "getServerName": return serverName;
                        case "getServerPort": return serverPort;
                        case "getRemoteAddr":
                            return remote instanceof InetSocketAddress a && a.getAddress() != null
                                    ? a.getAddress().getHostAddress() : String.valueOf(remote);
                        case "getRemoteHost":
                            return remote instanceof InetSocketAddress a ? a.getHostString() : String.valueOf(remote);
                        case "getRemotePort": return remote instanceof InetSocketAddress a ? a.getPort() : -1;
                        case "getServletContext": return context;
                        case "getAttribute": return attributes.get((String) args[0]);
                        case "getAttributeNames": return Collections.enumeration(new ArrayList<>(attributes.keySet()));
                        case "setAttribute":
                            if (args[1] == null) {
                                attributes.remove((String) args[0]);
                            } else {
                                attributes.put((String) args[0], args[1]);
                            }
                            return null;
                        case "removeAttribute": attributes.remove((String) args[0]); return null;
                        case "getParameter": {
                            String[] v = parameters.get((String) args[0]);
                            return v == null ? null : v[0];
                        }
                        case "getParameterValues": return parameters.get((String) args[0]);
                        case "getParameterNames": return Collections.enumeration(parameters.keySet());
                        case "getParameterMap": return Collections.unmodifiableMap(parameters);
                        case "getUserPrincipal", "getAuthType", "getRemoteUser", "getCharacterEncoding",
                             "getContentType", "getRequestedSessionId": return null;
                        case "getSession": {
                            if (args == null || args.length == 0 || Boolean.TRUE.equals(args[0])) {
                                throw new UnsupportedOperationException("HTTP sessions do not exist on Ondine's standalone server");
                            }
                            return null;
                        }
                        case "isUserInRole", "isAsyncSupported", "isAsyncStarted", "isRequestedSessionIdValid": return false;
                        case "getContentLength": return -1;
                        case "getContentLengthLong": return -1L;
                        case "getLocale": return Locale.getDefault();
                        case "getLocales": return Collections.enumeration(List.of(Locale.getDefault()));
                        case "getDispatcherType": return DispatcherType.REQUEST;
                        case "getCookies": return null;
                        case "toString": return "HttpServletRequest[GET " + ws.path() + ", standalone]";
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default:
                            throw unsupported("HttpServletRequest", m);
                    }
                });
    }

    private HttpServletResponse response(Pending p) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        return (HttpServletResponse) Proxy.newProxyInstance(ServletUpgrades.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    String n = m.getName();
                    switch (n) {
                        case "setStatus", "sendError": p.status = (Integer) args[0]; return null;
                        case "getStatus": return p.upgrade != null ? 101 : p.status == 0 ? 200 : p.status;
                        case "setHeader", "setIntHeader", "setDateHeader":
                            headers.put((String) args[0], new ArrayList<>(List.of(String.valueOf(args[1]))));
                            return null;
                        case "addHeader", "addIntHeader", "addDateHeader":
                            headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add(String.valueOf(args[1]));
                            return null;
                        case "containsHeader": return headers.containsKey((String) args[0]);
                        case "getHeader": {
                            List<String> v = headers.get((String) args[0]);
                            return v == null ? null : v.get(0);
                        }
                        case "getHeaders": return headers.getOrDefault((String) args[0], List.of());
                        case "getHeaderNames": return headers.keySet();
                        case "isCommitted": return p.upgrade != null;
                        case "getWriter": return discard;
                        case "getOutputStream": throw unsupported("HttpServletResponse", m);
                        case "flushBuffer", "setContentType", "setCharacterEncoding", "setContentLength",
                             "setContentLengthLong", "setLocale", "setBufferSize", "resetBuffer", "reset":
                            return null;
                        case "getCharacterEncoding": return "UTF-8";
                        case "getContentType": return null;
                        case "encodeURL", "encodeRedirectURL": return args[0];
                        case "toString": return "HttpServletResponse[standalone]";
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default:
                            throw unsupported("HttpServletResponse", m);
                    }
                });
    }

    private static UnsupportedOperationException unsupported(String type, Method m) {
        return new UnsupportedOperationException(type + "." + m.getName() + " is not available: Ondine's standalone"
                + " server runs servlets only for WebSocket upgrade requests");
    }

    private static Map<String, String[]> parameters(String rawQuery) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                lists.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
        return out;
    }
}
