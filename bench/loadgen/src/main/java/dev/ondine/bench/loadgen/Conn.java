package dev.ondine.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client WebSocket connection, driven by its {@link Loop}: non-blocking connect, the
 * opening handshake (checks 101 and Sec-WebSocket-Accept), frames read as a stream (the
 * payload is counted, and its first bytes kept, never buffered whole), pings answered, the
 * closing handshake. Writes are queued and flushed with gathering writes once per batch of
 * events.
 */
final class Conn {
    /** What the scenario hears; all calls on the connection's loop thread. */
    interface Handler {
        void onOpen(Conn c);

        /** A whole message: its opcode, total payload length and up to {@link #KEPT} first bytes. */
        void onMessage(Conn c, int opcode, long length, byte[] head, int headLength);

        /** Once, when the socket is closed; {@code error} is null after a clean closing handshake. */
        void onClosed(Conn c, String error);
    }

    static final int KEPT = 32;
    private static final int CONNECTING = 0, HANDSHAKE = 1, OPEN = 2, CLOSING = 3, CLOSED = 4;

    final Loop loop;
    private final Handler handler;
    private final String host;
    private final int port;
    private final String path;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer in;
    private final int readBufferSize;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[64];
    private boolean dirty;
    private int state = CONNECTING;
    private String wsKey;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean closeAfterFlush;

    // frame reader state
    private boolean inPayload;
    private long payloadLeft;
    private int frameOpcode;
    private boolean frameFin;
    private int msgOpcode;
    private long msgLength;
    private final byte[] head = new byte[125];
    private int headLength;
    /** The message being read has RSV1 on its first frame: its payload goes through {@link #deflate}. */
    private boolean msgCompressed;

    /** The permessage-deflate offer to make, or null. */
    private String deflateOffer;
    /** permessage-deflate as the server accepted it, or null. */
    private ClientDeflate deflate;

    /** Whether the handshake completed (the connection may have closed since). */
    boolean everOpen;

    /** Scenario data (timestamps, counters), owned by the loop thread. */
    Object attachment;

    Conn(Loop loop, Handler handler, String host, int port, String path, int readBufferSize) {
        this.loop = loop;
        this.handler = handler;
        this.host = host;
        this.port = port;
        this.path = path;
        this.readBufferSize = readBufferSize;
    }

    /** On the loop thread: opens the socket (bound to {@code local} when not null) and connects. */
    void connect(InetSocketAddress local) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                channel.bind(local);
            }
            boolean connected = channel.connect(new InetSocketAddress(host, port));
            key = channel.register(loop.selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                startHandshake();
            }
        } catch (IOException | RuntimeException e) {
            fail("connect: " + e);
        }
    }

    /** Offers permessage-deflate ({@code offer}: a Sec-WebSocket-Extensions value) in the handshake. */
    void offerDeflate(String offer) {
        this.deflateOffer = offer;
    }

    /** permessage-deflate as agreed, or null when not offered or not accepted. */
    ClientDeflate deflate() {
        return deflate;
    }

    boolean isOpen() {
        return state == OPEN;
    }

    boolean isClosed() {
        return state == CLOSED;
    }

    void onReady(int ops) throws IOException {
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            channel.finishConnect();
            startHandshake();
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && state != CLOSED) {
            read();
        }
    }

    private void startHandshake() {
        state = HANDSHAKE;
        in = ByteBuffer.allocate(readBufferSize);
        wsKey = Frames.newKey();
        key.interestOps(SelectionKey.OP_READ);
        send(Frames.handshakeRequest(host, port, path, wsKey, deflateOffer));
    }

    private void read() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            if (closeReceived && closeSent) {
                closeSocket(null);
            } else {
                fail(state == HANDSHAKE ? "EOF during handshake" : "EOF without close frame");
            }
            return;
        }
        in.flip();
        if (state == HANDSHAKE && !readHandshake()) {
            in.compact();
            if (!in.hasRemaining()) {
                fail("handshake response larger than " + readBufferSize + " bytes");
            }
            return;
        }
        if (state == OPEN || state == CLOSING) {
            readFrames();
        }
        if (state != CLOSED) {
            in.compact();
        }
    }

    private boolean readHandshake() {
        int end = -1;
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            return false;
        }
        byte[] bytes = new byte[end - in.position()];
        in.get(bytes);
        String response = new String(bytes, StandardCharsets.ISO_8859_1);
        int eol = response.indexOf("\r\n");
        String status = response.substring(0, eol);
        if (!status.startsWith("HTTP/1.1 101")) {
            fail("handshake refused: " + status);
            return false;
        }
        String expected = Frames.acceptFor(wsKey);
        boolean acceptOk = false;
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                acceptOk = line.substring(colon + 1).trim().equals(expected);
            }
            if (colon > 0 && deflateOffer != null
                    && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
                deflate = ClientDeflate.fromResponse(line.substring(colon + 1).trim());
            }
        }
        if (!acceptOk) {
            fail("bad Sec-WebSocket-Accept");
            return false;
        }
        state = OPEN;
        everOpen = true;
        wsKey = null;
        handler.onOpen(this);
        return state == OPEN || state == CLOSING;
    }

    private void readFrames() {
        while (state != CLOSED) {
            if (inPayload) {
                int n = (int) Math.min(in.remaining(), payloadLeft);
                if (msgCompressed && frameOpcode < Frames.CLOSE) {
                    try {
                        deflate.inflate(in.array(), in.arrayOffset() + in.position(), n);
                    } catch (java.util.zip.DataFormatException e) {
                        fail("invalid compressed data: " + e.getMessage());
                        return;
                    }
                } else if (headLength < KEPT || frameOpcode >= Frames.CLOSE) {
                    int keep = Math.min(n, head.length - headLength);
                    in.get(in.position(), head, headLength, keep);
                    headLength += keep;
                }
                in.position(in.position() + n);
                payloadLeft -= n;
                if (payloadLeft > 0) {
                    return;
                }
                inPayload = false;
                frameDone();
                continue;
            }
            if (in.remaining() < 2) {
                return;
            }
            int p = in.position();
            int b0 = in.get(p) & 0xFF;
            int b1 = in.get(p + 1) & 0xFF;
            int len7 = b1 & 0x7F;
            boolean masked = (b1 & 0x80) != 0;
            int headerLength = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
            if (in.remaining() < headerLength) {
                return;
            }
            int rsv = b0 & 0x70;
            boolean rsv1Allowed = deflate != null && (b0 & 0x0F) != Frames.CONTINUATION && (b0 & 0x0F) < Frames.CLOSE;
            if (masked || (rsv != 0 && !(rsv == 0x40 && rsv1Allowed))) {
                fail("server frame masked or with RSV bits");
                return;
            }
            long len = len7 == 126 ? (in.getShort(p + 2) & 0xFFFF) : len7 == 127 ? in.getLong(p + 2) : len7;
            in.position(p + headerLength);
            frameFin = (b0 & 0x80) != 0;
            frameOpcode = b0 & 0x0F;
            if (frameOpcode < Frames.CLOSE) {
                if (frameOpcode != Frames.CONTINUATION) {
                    msgOpcode = frameOpcode;
                    msgLength = 0;
                    headLength = 0;
                    msgCompressed = rsv != 0; // RFC 7692 §6: RSV1 on the first frame
                    if (msgCompressed) {
                        deflate.startMessage();
                    }
                }
                msgLength += len;
            } else {
                headLength = 0;
            }
            payloadLeft = len;
            inPayload = true;
            if (len == 0) {
                inPayload = false;
                frameDone();
            }
        }
    }

    private void frameDone() {
        switch (frameOpcode) {
            case Frames.CLOSE -> {
                closeReceived = true;
                if (!closeSent) {
                    closeSent = true;
                    int code = headLength >= 2 ? ((head[0] & 0xFF) << 8) | (head[1] & 0xFF) : 1000;
                    send(Frames.closeFrame(code == 1005 ? 1000 : code));
                }
                state = CLOSING;
                closeAfterFlush = true;
                markDirty();
            }
            case Frames.PING -> {
                byte[] p = new byte[headLength];
                System.arraycopy(head, 0, p, 0, headLength);
                send(Frames.clientFrame(Frames.PONG, p));
            }
            case Frames.PONG -> {
            }
            default -> {
                if (frameFin && state == OPEN && msgCompressed) {
                    try {
                        deflate.endMessage();
                    } catch (java.util.zip.DataFormatException e) {
                        fail("invalid compressed data: " + e.getMessage());
                        return;
                    }
                    handler.onMessage(this, msgOpcode, deflate.produced, deflate.head, deflate.headLength);
                } else if (frameFin && state == OPEN) {
                    handler.onMessage(this, msgOpcode, msgLength, head, Math.min(headLength, KEPT));
                }
            }
        }
    }

    /** Queues a frame (or the handshake); it is written when the loop flushes. */
    void send(ByteBuffer frame) {
        if (state == CLOSED) {
            return;
        }
        out.add(frame);
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
    }

    /** Starts the closing handshake (1000). */
    void close() {
        if (state == OPEN) {
            state = CLOSING;
            closeSent = true;
            send(Frames.closeFrame(1000));
        } else if (state == CONNECTING || state == HANDSHAKE) {
            closeSocket("closed before open");
        }
    }

    /** Closes the socket at once, without a closing handshake. */
    void abort() {
        closeSocket(state == CLOSED ? null : "aborted");
    }

    void flush() {
        dirty = false;
        if (state == CLOSED || key == null) {
            return;
        }
        try {
            while (!out.isEmpty()) {
                int n = 0;
                for (ByteBuffer b : out) {
                    gather[n++] = b;
                    if (n == gather.length) {
                        break;
                    }
                }
                channel.write(gather, 0, n);
                int done = 0;
                while (!out.isEmpty() && !out.peek().hasRemaining()) {
                    out.poll();
                    done++;
                }
                if (done < n) {
                    break; // the socket took less than offered: wait for write readiness
                }
            }
            java.util.Arrays.fill(gather, null);
            if (out.isEmpty()) {
                if (closeAfterFlush && closeReceived) {
                    closeSocket(null);
                    return;
                }
                if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if ((key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException | RuntimeException e) {
            fail("write: " + e);
        }
    }

    void fail(String error) {
        closeSocket(error);
    }

    private void closeSocket(String error) {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        out.clear();
        in = null;
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        handler.onClosed(this, error);
    }
}
