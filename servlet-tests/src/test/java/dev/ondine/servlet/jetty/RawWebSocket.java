package dev.ondine.servlet.jetty;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a bare socket, written byte by byte so that a test decides exactly what
 * goes on the wire and when: the opening handshake (RFC 6455 §4.1) with the caller's extra
 * header lines, and a client's text frame (§5.2, masked as §5.3 requires) sent the moment the
 * 101 has been read, with nothing in between.
 */
public final class RawWebSocket implements Closeable {
    private static final byte[] MASK = {0x1f, 0x2e, 0x3d, 0x4c};
    private final URI uri;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawWebSocket(URI uri) throws IOException {
        this.uri = uri;
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The client's end of the connection, as "/address:port". */
    public String clientAddress() {
        return socket.getLocalSocketAddress().toString();
    }

    /** The server's end of the connection, as "/address:port". */
    public String serverAddress() {
        return socket.getRemoteSocketAddress().toString();
    }

    /** Sends the opening handshake with {@code extraFields} (full lines, each ending in CRLF) and returns the response head. */
    public String handshake(String extraFields) throws IOException {
        out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + extraFields + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    /** Sends one masked text frame (FIN, opcode 1) of fewer than 126 bytes. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("only short frames: " + payload.length + " bytes");
        }
        byte[] frame = new byte[2 + MASK.length + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, MASK.length);
        for (int i = 0; i < payload.length; i++) {
            frame[2 + MASK.length + i] = (byte) (payload[i] ^ MASK[i % MASK.length]);
        }
        out.write(frame);
        out.flush();
    }

    /**
     * What the server sends next: the payload of a text frame (unmasked, §5.1) as "text:...",
     * otherwise the first line of whatever came ("other:..."), or "end" or "timeout".
     */
    public String receive() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return "timeout";
        }
        if (first < 0) {
            return "end";
        }
        if (first != 0x81) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.write(first);
            for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
                line.write(c);
            }
            return "other:" + line.toString(StandardCharsets.ISO_8859_1);
        }
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("a text frame of more than 65535 bytes");
        }
        return "text:" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The response head, through its blank line. */
    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("EOF in the response head: " + b);
            }
            b.write(c);
            matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
