package dev.ondine.impl.security;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw client socket for hostile tests: it writes any bytes, including frames that no
 * well-behaved writer would produce (so frames are built here by hand, RFC 6455 §5.2), and
 * reads the server's frames and HTTP answers.
 */
final class Wire implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Wire(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /** @param local the source address to bind (a 127.0.0.x), or null */
    Wire(InetSocketAddress server, InetSocketAddress local) throws IOException {
        this(server, local, 0);
    }

    /**
     * @param receiveBufferBytes the socket's receive buffer (0: the system's), set before
     *        connecting: shrunk after the connection was made, a peer that never reads could
     *        leave TCP stalled with the server idle (see NioServerTest)
     */
    private Wire(InetSocketAddress server, InetSocketAddress local, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** An upgrade request for {@code path} with extra header lines. */
    static String request(String path, String... extraHeaderLines) {
        StringBuilder sb = new StringBuilder();
        sb.append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(KEY).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** Connects, upgrades and checks the 101; returns the response head. */
    static Wire open(InetSocketAddress server, String path, String... extraHeaderLines) throws IOException {
        return openFrom(server, null, path, extraHeaderLines);
    }

    /** {@link #open} from the source address {@code local} (null: any). */
    static Wire openFrom(InetSocketAddress server, InetSocketAddress local, String path, String... extraHeaderLines)
            throws IOException {
        return upgrade(new Wire(server, local), path, extraHeaderLines);
    }

    /** {@link #open} with a receive buffer of {@code receiveBufferBytes}, for a peer that will not read. */
    static Wire openWithReceiveBuffer(InetSocketAddress server, int receiveBufferBytes, String path) throws IOException {
        return upgrade(new Wire(server, null, receiveBufferBytes), path);
    }

    private static Wire upgrade(Wire w, String path, String... extraHeaderLines) throws IOException {
        try {
            w.send(request(path, extraHeaderLines));
            String head = w.readHead();
            if (!head.startsWith("HTTP/1.1 101 ")) {
                throw new IOException("Upgrade refused: " + head);
            }
            w.lastHead = head;
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    String lastHead;

    void send(String s) throws IOException {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads an HTTP response head, up to and including the blank line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ frames

    /** A masked client frame with any first byte (FIN, RSV bits, opcode) and payload. */
    static byte[] frame(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true);
    }

    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        int n = payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + n);
        b.put((byte) firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (n < 126) {
            b.put((byte) (maskBit | n));
        } else if (n <= 0xFFFF) {
            b.put((byte) (maskBit | 126)).putShort((short) n);
        } else {
            b.put((byte) (maskBit | 127)).putLong(n);
        }
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            b.put(key);
            for (int i = 0; i < n; i++) {
                b.put((byte) (payload[i] ^ key[i & 3]));
            }
        } else {
            b.put(payload);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** Only a header (masked, with a key) announcing a 64-bit {@code length}; no payload. */
    static byte[] header64(int firstByte, long length) {
        return ByteBuffer.allocate(14).put((byte) firstByte).put((byte) (0x80 | 127)).putLong(length)
                .putInt(0x11223344).array();
    }

    static byte[] text(String s) {
        return frame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] closePayload(int code, byte[] reason) {
        return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
    }

    /** One frame from the server: the first byte and the payload. */
    record Frame(int b0, byte[] payload) {
        int opcode() {
            return b0 & 0x0F;
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("The server masked a frame");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = ((long) readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        if (len > 64L * 1024 * 1024) {
            throw new IOException("Frame too long for a test: " + len);
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("Frame cut short");
        }
        return new Frame(b0, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("The server closed the connection");
        }
        return b;
    }

    /**
     * Reads frames (skipping pongs and data) until a close frame, returns its code, then
     * checks that the server ends TCP.
     */
    int awaitClose() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x8) {
                return f.closeCode();
            }
        }
    }

    /** Whether the server ends the connection (EOF or reset) within {@code millis}. */
    boolean endsWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends a text message and returns the echoed text. */
    String echo(String s) throws IOException {
        send(text(s));
        Frame f = readFrame();
        if (f.opcode() != 0x1) {
            throw new IOException("Expected a text frame, got opcode " + f.opcode() + " code " + f.closeCode());
        }
        return f.text();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
