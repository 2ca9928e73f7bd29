package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a server that answers with scripted bytes: responses that break
 * RFC 6455 §4.1 must fail the connection, and a server that masks its frames (§5.1) must
 * be closed with 1002.
 */
class ClientAgainstScriptedServerTest {
    private final OndineClientContainer container = OndineClients.newContainer();
    private ServerSocket listener;

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void a200InsteadOf101IsADeploymentExceptionWithTheStatus() throws Exception {
        serve(key -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        DeploymentException e = assertThrows(DeploymentException.class, this::connect);
        assertTrue(e.getMessage().contains("200"), e.getMessage());
    }

    @Test
    void aWrongAcceptKeyFailsTheConnection() throws Exception {
        serve(key -> upgrade(accept("not the key")));
        DeploymentException e = assertThrows(DeploymentException.class, this::connect);
        assertTrue(e.getMessage().contains("Sec-WebSocket-Accept"), e.getMessage());
    }

    @Test
    void aSubprotocolThatWasNotOfferedFailsTheConnection() throws Exception {
        serve(key -> upgrade(accept(key), "Sec-WebSocket-Protocol: surprise\r\n"));
        DeploymentException e = assertThrows(DeploymentException.class, this::connect);
        assertTrue(e.getMessage().contains("subprotocol"), e.getMessage());
    }

    @Test
    void anExtensionThatWasNotOfferedFailsTheConnection() throws Exception {
        serve(key -> upgrade(accept(key), "Sec-WebSocket-Extensions: x-never-offered\r\n"));
        DeploymentException e = assertThrows(DeploymentException.class, this::connect);
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }

    @Test
    void aServerThatHangsUpDuringTheResponseIsAnIOException() throws Exception {
        serve(key -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n");
        assertThrows(IOException.class, this::connect);
    }

    @Test
    void aMaskedFrameFromTheServerIsClosedWith1002() throws Exception {
        // A masked text frame "hi" (mask key 1,2,3,4) right after a correct 101.
        byte[] masked = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, (byte) ('h' ^ 1), (byte) ('i' ^ 2)};
        CompletableFuture<byte[]> clientSent = serveThenSend(key -> upgrade(accept(key)), masked);
        Events events = new Events();
        container.connectToServer(new RecordingEndpoint(events), ClientEndpointConfig.Builder.create().build(), uri());
        assertEquals("open", events.next());
        Object event = events.next();
        if (event instanceof Throwable) {
            event = events.next(); // onError may come first
        }
        assertEquals(1002, ((CloseReason) event).getCloseCode().getCode());
        byte[] frames = clientSent.get(10, TimeUnit.SECONDS);
        // The client's close frame: FIN+close opcode, masked, its code 1002 under the mask.
        assertEquals((byte) 0x88, frames[0]);
        assertTrue((frames[1] & 0x80) != 0, "a client frame is masked");
        int code = ((frames[6] ^ frames[2]) & 0xff) << 8 | ((frames[7] ^ frames[3]) & 0xff);
        assertEquals(1002, code);
    }

    private void connect() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(OndineClientContainer.CONNECT_TIMEOUT_PROPERTY, 5_000);
        container.connectToServer(new RecordingEndpoint(new Events()), config, uri());
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/scripted");
    }

    /** Answers the first connection's request with {@code response(key)}, then hangs up. */
    private void serve(Function<String, String> response) throws IOException {
        serveThenSend(response, new byte[0]);
    }

    /**
     * Answers the first connection's request with {@code response(key)} and then the given
     * frames; completes with the frame the client sent after its request.
     */
    private CompletableFuture<byte[]> serveThenSend(Function<String, String> response, byte[] frames) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                String request = readHead(in);
                Matcher m = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)").matcher(request);
                String key = m.find() ? m.group(1) : "";
                OutputStream out = socket.getOutputStream();
                out.write(response.apply(key).getBytes(StandardCharsets.ISO_8859_1));
                out.write(frames);
                out.flush();
                return frames.length == 0 ? new byte[0] : readClientFrame(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * One masked client frame with a short payload (a close frame), after which this server
     * hangs up as a server does (RFC 6455 §7.1.1), rather than keep the client waiting.
     */
    private static byte[] readClientFrame(InputStream in) throws IOException {
        byte[] header = in.readNBytes(2);
        int length = header.length < 2 ? 0 : header[1] & 0x7f;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(header);
        frame.write(in.readNBytes(4 + length));
        return frame.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String upgrade(String accept, String... more) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + String.join("", List.of(more)) + "\r\n";
    }

    /** RFC 6455 §4.2.2 item 5.4, computed here independently of the engine. */
    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
