package dev.ondine.impl.proxy;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy for tests, on a loopback port the OS chooses, one thread per connection.
 * It reads the {@code CONNECT} request head and then does what its {@link Mode} says; it
 * may require Basic credentials first. Every request head it read is kept. It resolves the
 * names under {@code .test} to 127.0.0.1 itself, so a client that reaches such a name went
 * through it.
 */
final class TestProxy implements AutoCloseable {

    /** What the proxy does with a {@code CONNECT} (once the credentials, if required, are right). */
    enum Mode {
        /** 200, then bytes both ways between the client and the target. */
        TUNNEL,
        /** 403 Forbidden, and close. */
        REFUSE,
        /** Reads the request and never answers (until the client goes). */
        SILENT,
        /** Closes the connection without a word once the request is read. */
        CLOSE,
        /** 407 asking for Digest only. */
        DIGEST_ONLY,
        /** 200 and, in the same write, an HTTP answer of its own: bytes that follow the proxy's answer. */
        EARLY_HTTP,
        /** 200 and, in the same write, bytes that are not TLS. */
        EARLY_GARBAGE
    }

    private final Mode mode;
    private final String requiredAuthorization;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Queue<Closeable> open = new ConcurrentLinkedQueue<>();
    /** Every request head read, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    /**
     * @param user with {@code password}: the Basic credentials required, or null for none
     */
    TestProxy(Mode mode, String user, String password) throws IOException {
        this.mode = mode;
        this.requiredAuthorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "test-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    TestProxy(Mode mode) throws IOException {
        this(mode, null, null);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    String uri() {
        return "http://127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            Thread t = new Thread(() -> serve(client), "test-proxy-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            requests.add(head);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requiredAuthorization != null && !requiredAuthorization.equals(field(head, "Proxy-Authorization"))) {
                write(out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"test proxy\", charset=\"UTF-8\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            if (!requestLine[0].equals("CONNECT")) {
                write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            switch (mode) {
                case TUNNEL -> tunnel(client, requestLine[1]);
                case REFUSE -> write(out, "HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\nConnection: close\r\n\r\nforbidden");
                case SILENT -> drain(in);
                case CLOSE -> { }
                case DIGEST_ONLY -> write(out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Digest realm=\"x\", nonce=\"abc\"\r\nContent-Length: 0\r\n\r\n");
                case EARLY_HTTP -> {
                    write(out, "HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n");
                    drain(in);
                }
                case EARLY_GARBAGE -> {
                    write(out, "HTTP/1.1 200 Connection established\r\n\r\nthis is not TLS at all\r\n\r\n");
                    drain(in);
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            // the client or the target went away
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".test")) {
            host = "127.0.0.1"; // names only this proxy knows (RFC 6761 §6.2), to tell it from a direct connection
        }
        // Not through the default ProxySelector, which the tests replace.
        Socket target = new Socket(Proxy.NO_PROXY);
        try {
            target.connect(new InetSocketAddress(host, Integer.parseInt(authority.substring(colon + 1))), 5_000);
        } catch (IOException e) {
            target.close();
            write(client.getOutputStream(), "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        open.add(target);
        try (target) {
            write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
            client.setSoTimeout(0);
            Thread up = new Thread(() -> pump(client, target), "test-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(target, client);
            try {
                up.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies until the end of {@code from}, then ends {@code to}'s output. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // discard until the client goes
            }
        } catch (SocketTimeoutException e) {
            // bounded by the socket timeout
        }
    }

    /** The request head up to the empty line, at most 8 KiB; null if the client went first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < 8192) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("request head too large");
    }

    private static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Closeable c;
        while ((c = open.poll()) != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
