package dev.ondine.tck.interop;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Every check of the matrix, run by a Jakarta WebSocket client container (Ondine's, Jetty's
 * or Tyrus's) against a server that serves the samples' echo at {@code echo} and the
 * {@link InteropEndpoint} protocol at {@code interop}. Each check has its own connection and
 * bounded waits, and records its cell whatever happens.
 */
final class JakartaClientSuite {
    static final long WAIT_SECONDS = 10;
    static final String DEFLATE = "permessage-deflate";

    private final WebSocketContainer container;
    private final MatrixColumn column;
    private final Side side;
    private final URI echo;
    private final URI interop;
    private final List<Extension> deflateOffer;
    private final String noDeflateReason;

    /**
     * @param deflateOffer the extensions to offer for permessage-deflate, or null when the
     *                     client cannot offer it ({@code noDeflateReason} then says why)
     */
    JakartaClientSuite(WebSocketContainer container, MatrixColumn column, Side side, URI echo, URI interop,
                       List<Extension> deflateOffer, String noDeflateReason) {
        this.container = container;
        this.column = column;
        this.side = side;
        this.echo = echo;
        this.interop = interop;
        this.deflateOffer = deflateOffer;
        this.noDeflateReason = noDeflateReason;
        container.setDefaultMaxTextMessageBufferSize(InteropEndpoint.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(InteropEndpoint.MAX_MESSAGE_BYTES);
    }

    void runAll() {
        cell(Check.TEXT_SMALL, () -> echoText("Hello, wörld € ✓"));
        cell(Check.TEXT_1MIB, () -> echoText(text(1 << 20)));
        cell(Check.BINARY_SMALL, () -> echoBinary(bytes(16, 16)));
        cell(Check.BINARY_1MIB, () -> echoBinary(bytes(1 << 20, 20)));
        cell(Check.FRAGMENTED_TO_SERVER, this::fragmentedToServer);
        cell(Check.FRAGMENTED_TO_CLIENT, this::fragmentedToClient);
        cell(Check.PING_FROM_CLIENT, this::pingFromClient);
        cell(Check.PING_FROM_SERVER, this::pingFromServer);
        cell(Check.CLOSE_FROM_CLIENT, this::closeFromClient);
        cell(Check.CLOSE_FROM_SERVER, this::closeFromServer);
        cell(Check.SUBPROTOCOL, this::subprotocol);
        cell(Check.DEFLATE, this::deflate);
    }

    interface Body {
        String run() throws Exception;
    }

    private void cell(Check check, Body body) {
        record(column, check, body);
    }

    /**
     * Runs a check and records its cell. A check that fails is run once more: a failure that
     * does not repeat is printed to the test output (with its stack trace) but the cell
     * passes; one that repeats is the cell's reason.
     */
    static void record(MatrixColumn column, Check check, Body body) {
        for (int attempt = 1; ; attempt++) {
            try {
                String note = body.run();
                column.record(check, Outcome.PASS, note == null ? "" : note);
                return;
            } catch (CellOutcome o) {
                column.record(check, o.outcome, o.getMessage());
                return;
            } catch (Throwable t) {
                System.out.println("interop: " + column + " " + check.id() + " failed (attempt " + attempt + "):");
                t.printStackTrace(System.out);
                if (attempt == 2) {
                    column.record(check, Outcome.FAIL, describe(t));
                    return;
                }
            }
        }
    }

    static String describe(Throwable t) {
        if (t instanceof AssertionError) {
            return t.getMessage();
        }
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName() + ": " + t.getMessage());
        Throwable c = t.getCause();
        for (int i = 0; c != null && i < 3; i++, c = c.getCause()) {
            sb.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- checks

    private String echoText(String text) throws Exception {
        try (Peer p = connect(echo, List.of(), List.of())) {
            p.session.getBasicRemote().sendText(text);
            expectText(text, p.next("the echo"));
        }
        return null;
    }

    private String echoBinary(byte[] data) throws Exception {
        try (Peer p = connect(echo, List.of(), List.of())) {
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            expectBytes(data, p.next("the echo"));
        }
        return null;
    }

    private String fragmentedToServer() throws Exception {
        try (Peer p = connect(echo, List.of(), List.of())) {
            p.session.getBasicRemote().sendText("Hel", false);
            p.session.getBasicRemote().sendText("lo wö", false);
            p.session.getBasicRemote().sendText("rld", true);
            expectText("Hello wörld", p.next("the fragmented text, echoed"));
            byte[] a = bytes(70_000, 1);
            byte[] b = bytes(10, 2);
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(a), false);
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(b), true);
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            expectBytes(both, p.next("the fragmented binary, echoed"));
        }
        return null;
    }

    private String fragmentedToClient() throws Exception {
        try (Peer p = connect(interop, List.of(), List.of())) {
            p.session.getBasicRemote().sendText("cmd:fragmented");
            expectText("Hello fragmented wörld", p.next("the fragmented text"));
            byte[] b = new byte[100];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) i;
            }
            expectBytes(b, p.next("the fragmented binary"));
        }
        return null;
    }

    private String pingFromClient() throws Exception {
        try (Peer p = connect(interop, List.of(), List.of())) {
            p.session.getBasicRemote().sendPing(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.UTF_8)));
            Object got = p.next("a pong");
            if (!(got instanceof PongMessage)) {
                throw new AssertionError("expected a pong, got " + summary(got));
            }
            ByteBuffer data = ((PongMessage) got).getApplicationData();
            String payload = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            if (!payload.equals("ping!")) {
                throw new AssertionError("pong payload \"" + payload + "\", expected \"ping!\"");
            }
        }
        return null;
    }

    private String pingFromServer() throws Exception {
        try (Peer p = connect(interop, List.of(), List.of())) {
            p.session.getBasicRemote().sendText("cmd:ping:hello");
            expectText("pong:hello", p.next("the server's report of the pong"));
        }
        return null;
    }

    private String closeFromClient() throws Exception {
        try (Peer p = connect(interop, List.of(), List.of())) {
            p.session.getBasicRemote().sendText("cmd:resetclose");
            expectText("resetclose:ok", p.next("resetclose:ok"));
            p.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "bye client"));
            p.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Peer q = connect(interop, List.of(), List.of())) {
                q.session.getBasicRemote().sendText("cmd:lastclose");
                last = (String) q.next("lastclose");
            }
            if (!last.equals("lastclose:none")) {
                break;
            }
            Thread.sleep(100);
        }
        expectText("lastclose:4000:bye client", last);
        return null;
    }

    private String closeFromServer() throws Exception {
        try (Peer p = connect(interop, List.of(), List.of())) {
            // Asynchronous on purpose: Ondine's client may report a blocking send whose frame
            // was written as failed when the peer's close comes back at once (KnownIssues.FOUND).
            p.session.getAsyncRemote().sendText("cmd:close:4001:bye server");
            CloseReason r;
            try {
                r = p.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("onClose not called within " + WAIT_SECONDS + " s");
            }
            String got = r.getCloseCode().getCode() + " \"" + r.getReasonPhrase() + "\"";
            if (!got.equals("4001 \"bye server\"")) {
                throw new AssertionError("client saw close " + got + ", expected 4001 \"bye server\"");
            }
        }
        return null;
    }

    private String subprotocol() throws Exception {
        try (Peer p = connect(interop, List.of("x-unknown", "interop.v1"), List.of())) {
            String client = p.session.getNegotiatedSubprotocol();
            if (!"interop.v1".equals(client)) {
                throw new AssertionError("client negotiated \"" + client + "\", expected \"interop.v1\"");
            }
            p.session.getBasicRemote().sendText("cmd:subprotocol");
            expectText("subprotocol:interop.v1", p.next("the server's subprotocol"));
        }
        try (Peer p = connect(interop, List.of("x-unknown"), List.of())) {
            String client = p.session.getNegotiatedSubprotocol();
            if (client != null && !client.isEmpty()) {
                throw new AssertionError("none in common, yet the client negotiated \"" + client + "\"");
            }
            p.session.getBasicRemote().sendText("cmd:subprotocol");
            String server = (String) p.next("the server's subprotocol");
            if (!server.equals("subprotocol:") && !server.equals("subprotocol:null")) {
                throw new AssertionError("none in common, yet the server chose: " + server);
            }
        }
        return null;
    }

    private String deflate() throws Exception {
        if (deflateOffer == null) {
            throw side == Side.ONDINE_CLIENT ? CellOutcome.notYet(noDeflateReason) : CellOutcome.notApplicable(noDeflateReason);
        }
        try (Peer p = connect(interop, List.of(), deflateOffer)) {
            List<String> client = p.session.getNegotiatedExtensions().stream().map(Extension::getName).collect(Collectors.toList());
            p.session.getBasicRemote().sendText("cmd:extensions");
            String server = (String) p.next("the server's extensions");
            boolean negotiated = client.contains(DEFLATE);
            if (!negotiated) {
                if (side == Side.ONDINE_SERVER && !server.contains(DEFLATE)) {
                    throw CellOutcome.notYet("permessage-deflate not implemented (the Ondine server declines the offer)");
                }
                throw new AssertionError("offered, not negotiated: client " + client + ", server " + server);
            }
            String note = null;
            if (!server.contains(DEFLATE)) {
                // The handshake's answer (what the client reports) is the protocol's truth; a
                // server whose Session does not list what its handshake agreed is noted, and
                // the compressed echo below still has to work.
                note = "the server's Session.getNegotiatedExtensions() lists none, although its handshake answered "
                        + client;
            }
            String text = text(100_000);
            p.session.getBasicRemote().sendText(text);
            expectText(text, p.next("the compressed text echo"));
            byte[] data = new byte[100_000];
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            expectBytes(data, p.next("the compressed binary echo"));
            return note;
        }
    }

    // ---------------------------------------------------------------- helpers

    private Peer connect(URI uri, List<String> subprotocols, List<Extension> extensions) throws Exception {
        Peer p = new Peer();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .extensions(extensions)
                .build();
        container.connectToServer(p, config, uri);
        if (!p.opened.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("onOpen not called within " + WAIT_SECONDS + " s");
        }
        return p;
    }

    static void expectText(String expected, Object got) {
        if (!(got instanceof String)) {
            throw new AssertionError("expected text (" + expected.length() + " chars), got " + summary(got));
        }
        String s = (String) got;
        if (!s.equals(expected)) {
            throw new AssertionError(expected.length() < 100 && s.length() < 100
                    ? "got \"" + s + "\", expected \"" + expected + "\""
                    : "text differs: " + s.length() + " chars received, " + expected.length() + " sent");
        }
    }

    static void expectBytes(byte[] expected, Object got) {
        if (!(got instanceof byte[])) {
            throw new AssertionError("expected binary (" + expected.length + " B), got " + summary(got));
        }
        if (!Arrays.equals(expected, (byte[]) got)) {
            throw new AssertionError("binary differs: " + ((byte[]) got).length + " B received, " + expected.length + " B expected");
        }
    }

    static String summary(Object o) {
        if (o instanceof String) {
            String s = (String) o;
            return s.length() < 80 ? "text \"" + s + "\"" : "text of " + s.length() + " chars";
        }
        if (o instanceof byte[]) {
            return "binary of " + ((byte[]) o).length + " B";
        }
        if (o instanceof Throwable) {
            return "error " + describe((Throwable) o);
        }
        return String.valueOf(o);
    }

    static String text(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A client endpoint whose messages, pongs and errors land in a queue. */
    static final class Peer extends Endpoint implements AutoCloseable {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        volatile Session session;

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            s.addMessageHandler(String.class, received::add);
            s.addMessageHandler(ByteBuffer.class, b -> {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                received.add(a);
            });
            s.addMessageHandler(PongMessage.class, received::add);
            opened.countDown();
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            closed.complete(reason);
        }

        @Override
        public void onError(Session s, Throwable t) {
            received.add(t);
        }

        Object next(String what) throws Exception {
            Object o = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s"
                        + (closed.isDone() ? " (closed: " + closed.getNow(null) + ")" : ""));
            }
            return o;
        }

        @Override
        public void close() {
            Session s = session;
            if (s != null && s.isOpen()) {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }
}
