package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.CloseFrames;
import dev.ondine.impl.protocol.FrameHandler;
import dev.ondine.impl.protocol.FrameParser;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;

import java.nio.ByteBuffer;

/**
 * The reading half of a {@link WebSocketConnection}: bytes → {@link FrameParser} → data
 * frames to the {@link MessageAssembler} (through {@link InboundInflation} for compressed
 * messages, RFC 7692), control frames answered or handed to the connection: ping with an
 * automatic pong (RFC 6455 §5.5.2, rate-limited by {@link ControlFrameRate}), pong to the
 * listener (§5.5.3), close to the closing handshake (§5.5.1). Bytes read while reading is
 * suspended are held in the {@link ReadPause} and parsed first when it resumes.
 *
 * <p>Used by the reading thread (the transport's), one read at a time; {@link #ended()} may
 * come from the thread that ends the connection.
 */
final class ConnectionInput implements FrameHandler {
    private final WebSocketConnection connection;
    private final Transport transport;
    private final ConnectionListener listener;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    /** Inflates compressed messages; null without permessage-deflate. */
    private final InboundInflation inflation;
    private final ControlFrameRate controlFrames;
    private final IdleTimeout idle;
    private final ReadPause readPause;
    /** Told of every read (a sign of life), or null when keepalive is off. */
    private final Keepalive keepalive;
    private final ConnectionMetrics metrics;
    /** Nothing more is parsed: the peer's close was read, or the connection was failed. */
    private boolean stopped;
    private Thread readingThread;

    ConnectionInput(WebSocketConnection connection, Role role, Transport transport, ConnectionListener listener,
                    ConnectionLimits limits, DeflateRelease deflate, IdleTimeout idle, ReadPause readPause,
                    Keepalive keepalive, ConnectionMetrics metrics) {
        this.connection = connection;
        this.metrics = metrics;
        this.transport = transport;
        this.listener = listener;
        this.parser = new FrameParser(role, this, limits.maxFramePayloadBytes());
        this.assembler = new MessageAssembler(listener, limits.maxTextMessageBytes(), limits.maxBinaryMessageBytes(),
                limits.maxDecompressedMessageBytes(), metrics);
        this.controlFrames = new ControlFrameRate(limits.maxControlFramesPerSecond());
        this.idle = idle;
        this.readPause = readPause;
        this.keepalive = keepalive;
        if (deflate != null) {
            // RFC 7692 §6: the negotiated PMCE gives RSV1 its meaning.
            parser.setAllowedRsvBits(PerMessageDeflate.RSV1);
            this.inflation = new InboundInflation(deflate, assembler);
        } else {
            this.inflation = null;
        }
    }

    MessageAssembler assembler() {
        return assembler;
    }

    boolean onReadingThread() {
        return Thread.currentThread() == readingThread;
    }

    /** Nothing more is parsed, and a message in progress is dropped; on the reading thread. */
    void stop() {
        stopped = true;
        assembler.discard();
    }

    /**
     * The transport has ended: nothing more is parsed. From any thread, so the assembler is
     * left alone (the reading thread may be in it).
     */
    void ended() {
        stopped = true;
    }

    /** Reading was suspended: on the reading thread, parsing stops now rather than at the end of the read. */
    void suspended() {
        if (onReadingThread()) {
            parser.stop();
        }
    }

    /**
     * Bytes read by the transport. Consumes all of {@code bytes} (the parser unmasks in
     * place), so the transport may reuse its read buffer as soon as this returns.
     */
    void onBytesReceived(ByteBuffer bytes) {
        if (stopped) {
            bytes.position(bytes.limit());
            return;
        }
        if (keepalive != null) {
            keepalive.heard();
        }
        if (readPause.holdsInput()) {
            // Bytes the transport read before it paused: they queue behind what is held.
            readPause.hold(bytes);
            return;
        }
        idle.touch();
        readingThread = Thread.currentThread();
        try {
            parser.parse(bytes);
            if (bytes.hasRemaining()) {
                // Reading was suspended in the middle of this buffer: keep the rest for later,
                // so that a read full of small messages cannot produce more than the limits allow.
                readPause.hold(bytes);
            }
        } catch (ProtocolException e) {
            bytes.position(bytes.limit());
            metrics.protocolError(e.closeCode());
            connection.fail(e.closeCode(), e.getMessage(), e);
        } catch (RuntimeException e) {
            bytes.position(bytes.limit());
            connection.listenerFailed(e);
        } finally {
            readingThread = null;
            assembler.publishReceived();
        }
        connection.flush(); // the replies this read produced leave together
    }

    /** Parses what was held back while reading was suspended; on the transport's thread. */
    void parseHeldInput() {
        ByteBuffer held = readPause.takeHeld();
        if (held != null) {
            onBytesReceived(held);
        }
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolException {
        if (stopped) {
            return;
        }
        boolean compressed = inflation != null && inflation.frameStart(opcode, fin, rsv);
        assembler.frameStart(opcode, fin, compressed ? MessageAssembler.UNKNOWN_LENGTH : payloadLength);
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) throws ProtocolException {
        if (stopped) {
            chunk.position(chunk.limit());
        } else if (inflation != null && inflation.inflating()) {
            inflation.payload(chunk);
        } else {
            assembler.payload(chunk);
        }
    }

    @Override
    public void onDataFrameEnd() throws ProtocolException {
        if (stopped) {
            return;
        }
        if (inflation != null) {
            inflation.frameEnd();
        }
        assembler.frameEnd();
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
        if (stopped) {
            return;
        }
        switch (opcode) {
            case Opcode.PING -> {
                controlFrames.count(transport.nanoTime());
                // RFC 6455 §5.5.2: answer with a pong carrying the same application data,
                // unless this side has already sent its close frame.
                ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
                copy.put(payload.duplicate()).flip();
                connection.sendPong(copy, SendCallback.NOOP);
                listener.onPing(payload);
            }
            case Opcode.PONG -> {
                controlFrames.count(transport.nanoTime());
                listener.onPong(payload);
            }
            case Opcode.CLOSE -> connection.onCloseFrame(CloseFrames.parse(payload));
            default -> throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Unexpected control opcode " + opcode);
        }
    }
}
