package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.core.Transport;
import dev.ondine.impl.core.WebSocketConnection;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import dev.ondine.impl.transport.servlet.WebSocketUpgradeHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of the Servlet API for the tests of this package, made of dynamic proxies (a
 * method the fake does not know answers null, false or 0), and a WebSocket connection over a
 * transport that keeps what is written.
 */
final class ServletFakes {
    private ServletFakes() {
    }

    static Principal user(String name) {
        return () -> name;
    }

    /** An HTTP session with this id; invalidated, its methods throw IllegalStateException as the Servlet API says. */
    static HttpSession httpSession(String id) {
        boolean[] invalid = {false};
        return proxy(HttpSession.class, (name, args) -> {
            if (name.equals("invalidate")) {
                invalid[0] = true;
                return null;
            }
            if (invalid[0] && !name.equals("toString")) {
                throw new IllegalStateException("invalidated");
            }
            return switch (name) {
                case "getId" -> id;
                case "toString" -> "HttpSession[" + id + "]";
                default -> null;
            };
        });
    }

    /**
     * A valid WebSocket upgrade request for {@code uri} by {@code user} (null: not
     * authenticated) in {@code roles}, with {@code session} (or none); {@code roleChecks}
     * counts the calls of {@code isUserInRole}.
     */
    static HttpServletRequest upgradeRequest(String uri, Principal user, Set<String> roles, HttpSession session,
                                             AtomicInteger roleChecks) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", "localhost:8080");
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "13");
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getMethod" -> "GET";
            case "getRequestURI" -> uri;
            case "getProtocol" -> "HTTP/1.1";
            case "getHeaderNames" -> Collections.enumeration(new ArrayList<>(headers.keySet()));
            case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                    ? List.of(headers.get((String) args[0])) : List.<String>of());
            case "getHeader" -> headers.get((String) args[0]);
            case "getUserPrincipal" -> user;
            case "isUserInRole" -> {
                roleChecks.incrementAndGet();
                yield user != null && roles.contains((String) args[0]);
            }
            case "getSession" -> session;
            case "getRemoteAddr", "getLocalAddr" -> "127.0.0.1";
            case "getRemotePort" -> 40000;
            case "getLocalPort" -> 8080;
            case "upgrade" -> new WebSocketUpgradeHandler();
            default -> null;
        });
    }

    /**
     * {@code request} with other answers: {@code answers} maps a method name (for
     * {@code getAttribute}, {@code "getAttribute:" + name}) to its result; other calls go to {@code request}.
     */
    static HttpServletRequest answering(HttpServletRequest request, Map<String, Object> answers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, method, args) -> {
                    String key = method.getName().equals("getAttribute") ? "getAttribute:" + args[0] : method.getName();
                    return answers.containsKey(key) ? answers.get(key) : method.invoke(request, args);
                });
    }

    /** A response that keeps its status in {@code status[0]}. */
    static HttpServletResponse response(int[] status) {
        return proxy(HttpServletResponse.class, (name, args) -> {
            if (name.equals("setStatus")) {
                status[0] = (Integer) args[0];
            }
            return null;
        });
    }

    /** A servlet context at {@code contextPath} with attributes; the listeners added go to {@code listeners}. */
    static ServletContext servletContext(String contextPath, List<Object> listeners) {
        return servletContext(contextPath, listeners, Map.of());
    }

    /** {@link #servletContext(String, List)} with context init parameters. */
    static ServletContext servletContext(String contextPath, List<Object> listeners, Map<String, String> initParameters) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        return proxy(ServletContext.class, (name, args) -> switch (name) {
            case "getContextPath" -> contextPath;
            case "getInitParameter" -> initParameters.get((String) args[0]);
            case "getClassLoader" -> ServletFakes.class.getClassLoader();
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "addListener" -> {
                listeners.add(args[0]);
                yield null;
            }
            default -> null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object result = answer.answer(method.getName(), args);
            if (result == null && method.getReturnType().isPrimitive()) {
                Class<?> r = method.getReturnType();
                return r == boolean.class ? false : r == void.class ? null : r == long.class ? 0L : 0;
            }
            return result;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A server connection to {@code listener} over a transport that keeps every byte written; started (open). */
    static Wire open(ConnectionListener listener) {
        Wire wire = new Wire();
        wire.connection = new WebSocketConnection(Role.SERVER, wire, listener, Upgrade.connectionLimits(Limits.defaults()), null, null);
        wire.connection.start();
        return wire;
    }

    /** The transport of {@link #open}: what the server wrote, and whether it closed. */
    static final class Wire implements Transport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        WebSocketConnection connection;
        volatile boolean closed;

        /** The close frame the server wrote (unmasked: a server's frames are not masked), as "code reason"; null if none. */
        synchronized String closeFrame() {
            byte[] b = written.toByteArray();
            int i = 0;
            while (i + 1 < b.length) {
                int opcode = b[i] & 0x0f;
                int length = b[i + 1] & 0x7f;
                int start = i + 2;
                if (length == 126) {
                    length = ((b[start] & 0xff) << 8) | (b[start + 1] & 0xff);
                    start += 2;
                }
                if (opcode == 0x8) {
                    int code = ((b[start] & 0xff) << 8) | (b[start + 1] & 0xff);
                    return code + " " + new String(b, start + 2, length - 2, StandardCharsets.UTF_8);
                }
                i = start + length;
            }
            return null;
        }

        @Override
        public synchronized long write(ByteBuffer[] buffers, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                byte[] bytes = new byte[buffers[i].remaining()];
                buffers[i].get(bytes);
                written.write(bytes, 0, bytes.length);
                n += bytes.length;
            }
            return n;
        }

        @Override
        public void requestWritable() {
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            return () -> { };
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public SocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    /** A listener that keeps what it is told: the open, text messages, the close. */
    static final class Events implements ConnectionListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onOpen(WebSocketConnection connection) {
            events.add("open");
        }

        @Override
        public void onText(String message) {
            events.add("text " + message);
        }

        @Override
        public void onClose(int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }
}
