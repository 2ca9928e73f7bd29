package dev.ondine.servlet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that never answers the server's close frame (RFC 6455 §7.1.1 lets the server end the
 * TCP connection after its close timeout) and never sends anything else: inside Tomcat, the
 * close then comes from Ondine's timer thread, with no container callback running. Tomcat
 * acts on {@code WebConnection.close()} only when one of its own threads processes the
 * socket, so without help the socket stayed open for as long as the peer stayed silent: a
 * hostile client could keep every socket it got closed this way.
 */
class SilentPeerOnTomcatTest {
    private static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat();
        tomcat.addWebapp("/app", "dev.ondine.servlet.app", null);
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void theServerEndsTheConnectionOfAPeerThatNeverAnswersItsClose() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", tomcat.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /app/closer HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            // "idle": the endpoint sets a 200 ms idle timeout and answers "idle set".
            out.write(maskedText("idle"));
            out.flush();
            byte[] answer = readFrame(in);
            assertEquals("idle set", new String(answer, 2, answer.length - 2, StandardCharsets.UTF_8));
            // The idle timeout closes with 1001 from the timer thread; this peer never answers.
            byte[] close = readFrame(in);
            assertEquals(0x88, close[0] & 0xff, "a close frame");
            assertEquals(1001, ((close[2] & 0xff) << 8) | (close[3] & 0xff));
            long start = System.nanoTime();
            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException e) {
                next = -2;
            } catch (java.net.SocketException e) {
                next = -1; // a reset also ends it
            }
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, next, "the server ended the TCP connection (waited " + waitedMillis + " ms)");
            assertTrue(waitedMillis < 15_000, "within the close timeout and the drain time: " + waitedMillis + " ms");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("EOF in the response head: " + b);
            }
            b.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** One unmasked server frame with a payload under 126 bytes, header included. */
    private static byte[] readFrame(InputStream in) throws Exception {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0 || (b1 & 0x80) != 0 || (b1 & 0x7f) > 125) {
            throw new AssertionError("not a short server frame: " + b0 + " " + b1);
        }
        byte[] frame = new byte[2 + (b1 & 0x7f)];
        frame[0] = (byte) b0;
        frame[1] = (byte) b1;
        int off = 2;
        while (off < frame.length) {
            int n = in.read(frame, off, frame.length - off);
            if (n < 0) {
                throw new AssertionError("EOF in a frame");
            }
            off += n;
        }
        return frame;
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
