package dev.ondine.impl.jakarta;

import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import dev.ondine.impl.jakarta.client.OndineClientContainer;
import dev.ondine.impl.protocol.deflate.DeflateTestData;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate between Ondine's server and Ondine's client, and against a raw socket
 * that checks the server's handshake answers and frames byte for byte (RFC 7692).
 */
class PerMessageDeflateEndToEndTest {
    private static OndineServer server;
    private static OndineServer plainServer;

    /** Echoes whole messages; "?ext" is answered with the session's negotiated extensions. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage(maxMessageSize = 32 << 20)
        public String onText(String message, Session session) {
            return message.equals("?ext") ? session.getNegotiatedExtensions().toString() : message;
        }

        @OnMessage(maxMessageSize = 32 << 20)
        public ByteBuffer onBinary(ByteBuffer message) {
            return message;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Limits limits = Limits.builder().maxFramePayloadBytes(32 << 20).build();
        server = OndineServer.builder().host("127.0.0.1").port(0).limits(limits).endpoint(Echo.class).start();
        plainServer = OndineServer.builder().host("127.0.0.1").port(0)
                .limits(limits.toBuilder().permessageDeflate(false).build()).endpoint(Echo.class).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        plainServer.stop();
    }

    private static URI echo(OndineServer s) {
        return URI.create("ws://127.0.0.1:" + s.address().getPort() + "/echo");
    }

    /** A client endpoint that queues what it receives. */
    public static final class Receiver extends Endpoint {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
            session.addMessageHandler(String.class, received::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) received::add);
        }

        Object next() throws InterruptedException {
            Object o = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(o, "no message within 30 s");
            return o;
        }
    }

    /** A configuration that asks for the client's own permessage-deflate offer. */
    static ClientEndpointConfig deflating() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(OndineClientContainer.PERMESSAGE_DEFLATE_PROPERTY, true);
        return config;
    }

    private static String names(List<Extension> extensions) {
        return extensions.stream().map(Extension::getName).toList().toString();
    }

    @Test
    void ondineClientAndServerAgreeOnDeflateAndEchoEverySize() throws Exception {
        // Incompressible data grows a little when deflated (stored blocks): the frame limit
        // must leave room above 16 MiB for the random 16 MiB message.
        OndineClientContainer client = OndineClients.newContainer(Limits.builder().maxMessageBytes(32 << 20)
                .maxFramePayloadBytes(32 << 20).build());
        Receiver r = new Receiver();
        Session s = client.connectToServer(r, deflating(), echo(server));
        try {
            assertEquals("[permessage-deflate]", names(s.getNegotiatedExtensions()));
            s.getBasicRemote().sendText("?ext");
            assertEquals("[permessage-deflate]", r.next());
            Random random = new Random(11);
            for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20}) {
                String text = "abcdefghijklmnopqrstuvwxyz\u00e9\u20ac".repeat(size / 28 + 1).substring(0, size);
                s.getBasicRemote().sendText(text);
                assertEquals(text, r.next(), "text of " + size);
                byte[] data = new byte[size];
                random.nextBytes(data);
                s.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
                ByteBuffer got = (ByteBuffer) r.next();
                byte[] bytes = new byte[got.remaining()];
                got.get(bytes);
                assertArrayEquals(data, bytes, "binary of " + size);
            }
            // A message sent in parts: one compressed stream, RSV1 on the first frame.
            s.getBasicRemote().sendText("Hel", false);
            s.getBasicRemote().sendText("lo ", false);
            s.getBasicRemote().sendText("w\u00f6rld", true);
            assertEquals("Hello w\u00f6rld", r.next());
        } finally {
            s.close();
        }
    }

    @Test
    void deflateIsOffWhenTheServerTurnsItOffOrTheClientDoesNotAsk() throws Exception {
        OndineClientContainer client = OndineClients.newContainer();
        Receiver r = new Receiver();
        Session s = client.connectToServer(r, ClientEndpointConfig.Builder.create().build(), echo(plainServer));
        assertEquals("[]", names(s.getNegotiatedExtensions()));
        assertTrue(plainServer.container().getInstalledExtensions().isEmpty());
        s.getBasicRemote().sendText("?ext");
        assertEquals("[]", r.next());
        s.close();

        // A default configuration offers exactly its extensions (§3.2.2): none.
        Receiver r2 = new Receiver();
        Session s2 = client.connectToServer(r2, ClientEndpointConfig.Builder.create().build(), echo(server));
        assertEquals("[]", names(s2.getNegotiatedExtensions()));
        s2.getBasicRemote().sendText("plain");
        assertEquals("plain", r2.next());
        s2.close();

        assertEquals("[permessage-deflate]", server.container().getInstalledExtensions().stream()
                .map(Extension::getName).toList().toString());
        assertEquals("[permessage-deflate]", names(List.copyOf(client.getInstalledExtensions())));
    }

    @Test
    void clientOffersFromTheConfigurationAreSentAsGiven() throws Exception {
        OndineClientContainer client = OndineClients.newContainer();
        Extension noContext = new dev.ondine.impl.jakarta.session.NegotiatedExtension("permessage-deflate",
                List.of(dev.ondine.impl.jakarta.session.NegotiatedExtension.parameter("server_no_context_takeover", null)));
        Receiver r = new Receiver();
        Session s = client.connectToServer(r, ClientEndpointConfig.Builder.create().extensions(List.of(noContext)).build(),
                echo(server));
        assertEquals("[permessage-deflate; server_no_context_takeover]", s.getNegotiatedExtensions().toString());
        for (int i = 0; i < 3; i++) {
            s.getBasicRemote().sendText("Hello again");
            assertEquals("Hello again", r.next());
        }
        s.close();
    }

    // ------------------------------------------------------------------ raw bytes

    private static String handshake(Socket socket, String extensions) throws IOException {
        String request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String extensionsHeader(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return null;
    }

    private static String answer(String offers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            String head = handshake(socket, offers);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            return extensionsHeader(head);
        }
    }

    @Test
    void theServerAnswersOffersAsRfc7692Says() throws IOException {
        assertEquals("permessage-deflate", answer("permessage-deflate; client_max_window_bits"));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                answer("permessage-deflate; server_no_context_takeover; client_no_context_takeover"));
        // A window below 15: accepted with the same value (§7.1.2.1); the server then sends uncompressed.
        assertEquals("permessage-deflate; server_max_window_bits=10", answer("permessage-deflate; server_max_window_bits=10"));
        assertEquals("permessage-deflate; server_max_window_bits=10",
                answer("permessage-deflate; server_max_window_bits=10, permessage-deflate; server_max_window_bits=15"));
        // Invalid offers are declined and the next one taken (§7.1).
        assertEquals("permessage-deflate; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=7, permessage-deflate; server_max_window_bits=16, "
                        + "permessage-deflate; server_max_window_bits=abc, permessage-deflate; server_max_window_bits=15"));
        assertEquals(null, answer("permessage-deflate; client_max_window_bits=8; client_max_window_bits=8"));
        assertEquals(null, answer("permessage-deflate; foo=bar"));
        assertEquals(null, answer("x-webkit-deflate-frame"));
        assertEquals(null, answer(null));
    }

    @Test
    void framesOnTheWireAreThoseOfSection7_2_3() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            assertEquals("permessage-deflate", extensionsHeader(handshake(socket, "permessage-deflate")));
            // "Hello" compressed, RSV1, masked with a zero key; twice (§7.2.3.1, §7.2.3.2).
            byte[] frame = HexFormat.of().parseHex("c18700000000f248cdc9c90700");
            byte[] second = HexFormat.of().parseHex("c18500000000f200110000");
            socket.getOutputStream().write(frame);
            socket.getOutputStream().write(second);
            InputStream in = socket.getInputStream();
            assertEquals("c107f248cdc9c90700", HexFormat.of().formatHex(in.readNBytes(9)));
            assertEquals("c105f200110000", HexFormat.of().formatHex(in.readNBytes(7)));
            // RSV1 on a continuation: 1002 (§6.1).
            socket.getOutputStream().write(HexFormat.of().parseHex("418300000000f248cd" + "c08400000000c9c90700"));
            assertEquals(1002, closeCode(in));
        }
    }

    @Test
    void everyOfferedServerWindowEchoes8To15WithAndWithoutContextTakeover() throws IOException {
        // Offers as a conformance fuzzer makes them (Autobahn cases 13.x): the client's two
        // compressed "Hello"s (the second a back-reference, §7.2.3.2) come back, compressed
        // only when the server may use its 15-bit window, as plain text otherwise (§6).
        for (int bits = 8; bits <= 15; bits++) {
            for (String context : new String[] {"", "; server_no_context_takeover; client_no_context_takeover"}) {
                String offer = "permessage-deflate; client_max_window_bits" + context + "; server_max_window_bits=" + bits;
                try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
                    socket.setSoTimeout(10_000);
                    String expected = "permessage-deflate" + context + "; server_max_window_bits=" + bits;
                    assertEquals(expected, extensionsHeader(handshake(socket, offer)), offer);
                    socket.getOutputStream().write(HexFormat.of().parseHex("c18700000000f248cdc9c90700"));
                    byte[] second = context.isEmpty() ? HexFormat.of().parseHex("c18500000000f200110000")
                            : HexFormat.of().parseHex("c18700000000f248cdc9c90700");
                    socket.getOutputStream().write(second);
                    InputStream in = socket.getInputStream();
                    if (bits < 15) {
                        assertEquals("810548656c6c6f", HexFormat.of().formatHex(in.readNBytes(7)), offer); // RSV1 clear
                        assertEquals("810548656c6c6f", HexFormat.of().formatHex(in.readNBytes(7)), offer);
                    } else {
                        assertEquals("c107f248cdc9c90700", HexFormat.of().formatHex(in.readNBytes(9)), offer);
                        assertEquals(context.isEmpty() ? "c105f200110000" : "c107f248cdc9c90700",
                                HexFormat.of().formatHex(in.readNBytes(context.isEmpty() ? 7 : 9)), offer);
                    }
                }
            }
        }
    }

    @Test
    void aClientAskedForASmallerWindowSendsUncompressedAndStillInflates() throws Exception {
        // A hand-written server answers client_max_window_bits=10 (RFC 7692 §7.1.2.2): the
        // client, whose Deflater has only a 15-bit window, then sends with RSV1 clear (§6),
        // and it still inflates the server's compressed "Hello".
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            OndineClientContainer client = OndineClients.newContainer();
            Extension offer = new dev.ondine.impl.jakarta.session.NegotiatedExtension("permessage-deflate",
                    List.of(dev.ondine.impl.jakarta.session.NegotiatedExtension.parameter("client_max_window_bits", null)));
            java.util.concurrent.CompletableFuture<byte[]> firstFrame = new java.util.concurrent.CompletableFuture<>();
            Thread peer = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(10_000);
                    InputStream in = socket.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        head.write(in.read());
                    }
                    String key = head.toString(StandardCharsets.ISO_8859_1).lines()
                            .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:"))
                            .findFirst().orElseThrow().substring(18).trim();
                    String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + dev.ondine.impl.protocol.handshake.AcceptKey.of(key) + "\r\n"
                            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n\r\n";
                    socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(HexFormat.of().parseHex("c107f248cdc9c90700")); // "Hello" compressed
                    byte[] frame = in.readNBytes(2 + 4 + 5); // the client's "Hello": masked, 5 bytes
                    firstFrame.complete(frame);
                    in.readNBytes(2); // until the client closes
                } catch (IOException e) {
                    firstFrame.completeExceptionally(e);
                }
            });
            peer.start();
            Receiver r = new Receiver();
            Session s = client.connectToServer(r, ClientEndpointConfig.Builder.create().extensions(List.of(offer)).build(),
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"));
            assertEquals("[permessage-deflate; client_max_window_bits=10]", s.getNegotiatedExtensions().toString());
            assertEquals("Hello", r.next());
            s.getBasicRemote().sendText("Hello");
            byte[] frame = firstFrame.get(10, TimeUnit.SECONDS);
            assertEquals(0x81, frame[0] & 0xFF, "FIN, text, RSV1 clear");
            assertEquals(0x85, frame[1] & 0xFF, "masked, 5 bytes: not compressed");
            byte[] payload = new byte[5];
            for (int i = 0; i < 5; i++) {
                payload[i] = (byte) (frame[6 + i] ^ frame[2 + (i & 3)]);
            }
            assertEquals("Hello", new String(payload, StandardCharsets.UTF_8));
            s.close();
            peer.join(10_000);
        }
    }

    /** Reads a close frame from the server (unmasked, short) and returns its code. */
    private static int closeCode(InputStream in) throws IOException {
        byte[] head = in.readNBytes(2);
        assertEquals(0x88, head[0] & 0xFF, "not a close frame: " + HexFormat.of().formatHex(head));
        byte[] payload = in.readNBytes(head[1] & 0x7F);
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    @Test
    void aDeflateBombEndsWith1009() throws IOException {
        byte[] buf = DeflateTestData.bomb(48 << 20); // 48 MiB of zeros, past the echo's 32 MiB limit
        int n = buf.length;
        assertTrue(n < 64 * 1024, "bomb of " + n + " bytes");
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            handshake(socket, "permessage-deflate");
            ByteBuffer header = ByteBuffer.allocate(8).put((byte) 0xC2).put((byte) (0x80 | 126)).putShort((short) n).putInt(0);
            socket.getOutputStream().write(header.array());
            socket.getOutputStream().write(buf, 0, n);
            assertEquals(1009, closeCode(socket.getInputStream()));
        }
    }
}
