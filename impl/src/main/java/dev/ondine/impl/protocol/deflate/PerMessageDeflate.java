package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate codec of one connection (RFC 7692 §7.2), with the parameters both
 * sides agreed on. Raw DEFLATE (RFC 1951) through {@code java.util.zip}.
 *
 * <p><b>Compressing</b> (§7.2.1): the message's bytes, or each part of a message sent in
 * parts, are compressed with a sync flush, so each part's output is complete; at the end
 * of the message the empty stored block's 4-byte tail {@code 00 00 ff ff} is removed. When
 * this side may not use context takeover (§7.1.1) the deflater is reset after each message.
 *
 * <p><b>Decompressing</b> (§7.2.2): the payload is inflated as it arrives, in chunks of at
 * most {@value #CHUNK_BYTES} bytes handed to a {@link Sink}; the tail is appended at the end
 * of the message. Nothing is ever sized by the compressed input: the sink decides how much
 * decompressed output it accepts (the connection's message limits, 1009), and throwing
 * stops the inflation there, so a small "deflate bomb" costs at most one chunk past the
 * limit. A stream ended by a block with BFINAL set (§7.2.3.4) restarts the inflater at the
 * end of the message.
 *
 * <p><b>Sending uncompressed</b>: when the agreed window of this side's compressor is below
 * 15 bits, the JDK's Deflater (always 15 bits) may not be used (§7.1.2.1, §7.1.2.2), and
 * {@link #compresses()} is false: the connection sends every message with RSV1 clear (§6).
 *
 * <p><b>Memory</b>: zlib's state lives outside the Java heap: about 256 KiB for a deflater
 * (15-bit window, memLevel 8, which the JDK does not let one change) and about 44 KiB for
 * an inflater (32 KiB window and state), plus an 8 KiB chunk array on the heap while
 * inflating. Each is created on first use and can be given back between messages with
 * {@link #releaseIdle()} (the connection decides when); with context takeover the last
 * bytes of each direction's uncompressed stream are kept on the heap in a
 * {@link DeflateHistory} ({@value #SENT_HISTORY_BYTES} bytes at most of what was sent, the
 * peer's whole window of what was received, never more than went through), and the
 * rebuilt compressor or decompressor starts from them as its preset dictionary. Raw DEFLATE
 * allows one, and the peer keeps the real history, so back-references on both sides stay
 * valid: the stream is the one an unreleased codec would have carried on (the compressor may
 * use less history than the window allows: that costs ratio, never correctness). Everything
 * is released with {@link #end()} when the connection closes. Nothing is shared or pooled
 * between connections.
 *
 * <p>Thread-safety: compressing and decompressing may run on different threads (one at a
 * time each); {@link #releaseIdle()} and {@link #end()} may come from any thread. Each
 * direction has its own lock.
 */
public final class PerMessageDeflate {

    /** RSV1, the "Per-Message Compressed" bit (§6), as a value of the frame's RSV bits. */
    public static final int RSV1 = 4;
    /** Size of the pieces decompressed output is handed over in. */
    public static final int CHUNK_BYTES = 8192;
    /**
     * The most of the sent stream kept for a rebuilt compressor's dictionary: half the
     * 32 KiB window, so that an idle connection with both histories full stays under
     * 64 KiB (the received side must keep the peer's whole window).
     */
    public static final int SENT_HISTORY_BYTES = 16 * 1024;

    /** §7.2.1 / §7.2.2: the tail of an empty stored block after a sync flush. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] EMPTY = new byte[0];

    /** Receives decompressed bytes; the buffer is valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(ByteBuffer decompressed) throws ProtocolException;
    }

    private final DeflateParameters parameters;
    private final int level;
    private final boolean compresses;
    private final boolean resetDeflaterPerMessage;
    private final boolean resetInflaterPerMessage;

    private final Object deflateLock = new Object();
    private Deflater deflater;
    /** What was sent, for a rebuilt deflater; null without context takeover or compression, or when never released. */
    private DeflateHistory sent;
    /** A message sent in parts is unfinished: its stream must not be cut. */
    private boolean sending;
    private boolean deflateEnded;

    private final Object inflateLock = new Object();
    private Inflater inflater;
    /** What was received, for a rebuilt inflater; null when the peer does not use context takeover, or when never released. */
    private DeflateHistory received;
    /** {@link #neverReleased()} was called: zlib is kept for the connection's life. */
    private volatile boolean kept;
    private byte[] chunk;
    private ByteBuffer chunkView;
    /** A compressed message is being received. */
    private boolean receiving;
    /** The peer ended its DEFLATE stream (BFINAL) inside the current message. */
    private boolean streamFinished;
    private boolean inflateEnded;

    /**
     * @param role this side of the connection
     * @param agreed the parameters of the response (RFC 7692 §7.1)
     * @param level the compression level, 0-9 or {@link Deflater#DEFAULT_COMPRESSION}
     */
    public PerMessageDeflate(Role role, DeflateParameters agreed, int level) {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("compression level " + level);
        }
        this.parameters = agreed;
        this.level = level;
        boolean server = role == Role.SERVER;
        this.compresses = DeflateNegotiation.compresses(agreed, server);
        // §7.1.1: each side's *_no_context_takeover stops that side's compressor from
        // using earlier messages; the other side's inflater may then start afresh each time.
        this.resetDeflaterPerMessage = server ? agreed.serverNoContextTakeover() : agreed.clientNoContextTakeover();
        this.resetInflaterPerMessage = server ? agreed.clientNoContextTakeover() : agreed.serverNoContextTakeover();
        this.sent = compresses && !resetDeflaterPerMessage ? new DeflateHistory(SENT_HISTORY_BYTES) : null;
        // §7.1.2: the peer's back-references reach at most its window, 2^bits bytes.
        int peerBits = server ? agreed.clientMaxWindowBits() : agreed.serverMaxWindowBits();
        int peerWindow = 1 << (peerBits > 0 ? peerBits : DeflateNegotiation.JDK_DEFLATE_WINDOW_BITS);
        this.received = resetInflaterPerMessage ? null : new DeflateHistory(peerWindow);
    }

    public PerMessageDeflate(Role role, DeflateParameters agreed) {
        this(role, agreed, Deflater.DEFAULT_COMPRESSION);
    }

    /** The agreed parameters. */
    public DeflateParameters parameters() {
        return parameters;
    }

    /**
     * Whether this side compresses what it sends: false when the agreed window of its
     * compressor is below the JDK's 15 bits; its messages then go uncompressed, RSV1 clear (§6).
     */
    public boolean compresses() {
        return compresses;
    }

    // ------------------------------------------------------------------ compressing

    /**
     * Compresses the remaining bytes of {@code data} (its position is not changed) as the
     * next part of the message being sent (§7.2.1); {@code endOfMessage} ends the message.
     *
     * @return the compressed bytes, a buffer owned by the caller
     * @throws IllegalStateException after {@link #end()}, or when this side does not {@link #compresses() compress}
     */
    public ByteBuffer compress(ByteBuffer data, boolean endOfMessage) {
        synchronized (deflateLock) {
            if (deflateEnded || !compresses) {
                throw new IllegalStateException(deflateEnded ? "permessage-deflate has ended"
                        : "permessage-deflate: this side sends uncompressed");
            }
            Deflater d = deflater();
            ByteBuffer out = deflate(d, data, endOfMessage);
            if (sent != null) {
                sent.append(data);
            }
            sending = !endOfMessage;
            if (endOfMessage && resetDeflaterPerMessage) {
                d.reset();
            }
            return out;
        }
    }

    /**
     * Compresses the remaining bytes of {@code message} (its position is not changed) as one
     * whole message that refers to no earlier one: what a connection whose deflater is reset
     * after each message (§7.1.1.1 {@code server_no_context_takeover} on a server) would send
     * at {@code level}, so the same bytes may go to every such connection. Uses a deflater of
     * the calling thread's, kept for the next message.
     */
    public static ByteBuffer compressAlone(ByteBuffer message, int level) {
        int slot = level == Deflater.DEFAULT_COMPRESSION ? 0 : level + 1;
        Deflater[] mine = ALONE.get();
        Deflater deflater = mine[slot];
        if (deflater == null) {
            deflater = new Deflater(level, true);
            mine[slot] = deflater;
        }
        try {
            return deflate(deflater, message, true);
        } finally {
            deflater.reset();
        }
    }

    /** Per thread, one raw deflater per level (-1 to 9) for {@link #compressAlone}. */
    private static final ThreadLocal<Deflater[]> ALONE = ThreadLocal.withInitial(() -> new Deflater[11]);

    /**
     * Deflates {@code data} with a sync flush (§7.2.1); at the end of a message removes the
     * {@code 00 00 ff ff} tail.
     */
    private static ByteBuffer deflate(Deflater deflater, ByteBuffer data, boolean endOfMessage) {
        int n = data.remaining();
        deflater.setInput(data.duplicate());
        // Room for incompressible input (stored blocks add 5 bytes per block) and the flush marker.
        byte[] out = new byte[n + (n >>> 10) + 64];
        int length = 0;
        while (true) {
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            if (length < out.length) {
                break; // the flush completed with room to spare: everything is out
            }
            out = Arrays.copyOf(out, out.length + (out.length >>> 1) + 64);
        }
        deflater.setInput(EMPTY); // do not keep the caller's buffer
        if (endOfMessage) {
            // §7.2.1: remove the 4 octets 00 00 ff ff the sync flush ended with.
            if (length >= 4 && endsWithTail(out, length)) {
                length -= 4;
            } else if (length == 0) {
                // zlib writes nothing for a flush with nothing new since the last one; the
                // receiver appends the tail, so the message must end with the start of an
                // empty stored block: the single byte 0x00 (§7.2.3.6).
                out[0] = 0x00;
                length = 1;
            }
        }
        if (out.length - length > 256 && out.length - length > (length >>> 3)) {
            out = Arrays.copyOf(out, length); // do not keep the room a compressible message did not need
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    /** The compression level of this side. */
    public int level() {
        return level;
    }

    /**
     * Whether this side compresses (a window of 15 bits) and its compressor starts afresh with
     * every message (§7.1.1: its {@code *_no_context_takeover} was agreed): then any message
     * compressed alone at
     * {@link #level()} ({@link #compressAlone}) may be sent in place of its own output.
     */
    public boolean compressesEachMessageAlone() {
        return compresses && resetDeflaterPerMessage;
    }

    /** The deflater, rebuilt from the sent history after a release. */
    private Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(level, true); // raw DEFLATE, no zlib wrapper (§7.2.1)
            if (sent != null) {
                sent.presetOn(deflater); // the peer's inflater still holds these bytes in its window
            }
        }
        return deflater;
    }

    private static boolean endsWithTail(byte[] out, int length) {
        return out[length - 4] == TAIL[0] && out[length - 3] == TAIL[1]
                && out[length - 2] == TAIL[2] && out[length - 1] == TAIL[3];
    }

    // ------------------------------------------------------------------ decompressing

    /**
     * Inflates the remaining bytes of {@code compressed} (all are consumed), part of a
     * compressed message, handing the output to {@code sink} in chunks.
     *
     * @throws ProtocolException 1007 for data that is not valid DEFLATE, or what the sink throws
     */
    public void decompress(ByteBuffer compressed, Sink sink) throws ProtocolException {
        synchronized (inflateLock) {
            if (inflateEnded || streamFinished) {
                compressed.position(compressed.limit()); // after BFINAL the rest of the message is not DEFLATE data
                return;
            }
            receiving = true;
            Inflater inf = inflater();
            inf.setInput(compressed);
            try {
                drain(inf, sink);
            } finally {
                compressed.position(compressed.limit());
                inf.setInput(EMPTY); // do not keep the read buffer
            }
        }
    }

    /**
     * Ends the compressed message being received: inflates the appended tail (§7.2.2) and
     * hands over the last output.
     */
    public void endMessage(Sink sink) throws ProtocolException {
        synchronized (inflateLock) {
            if (inflateEnded) {
                return;
            }
            Inflater inf = inflater();
            if (!streamFinished) {
                inf.setInput(TAIL);
                drain(inf, sink);
            }
            receiving = false;
            if (streamFinished || resetInflaterPerMessage) {
                inf.reset();
                streamFinished = false;
                if (received != null) {
                    // After a final block the peer's next message starts a new DEFLATE stream;
                    // with context takeover it may still reach into the window (§7.2.3.4).
                    received.presetOn(inf);
                }
            }
        }
    }

    /** Forgets a partly received compressed message (the connection is failing). */
    public void abortMessage() {
        synchronized (inflateLock) {
            streamFinished = false;
            receiving = false;
        }
    }

    /** The inflater, rebuilt from the received history after a release. */
    private Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true); // raw DEFLATE; a 15-bit window reads every window size
            if (received != null) {
                received.presetOn(inflater); // the window the peer's back-references reach into
            }
            chunk = new byte[CHUNK_BYTES];
            chunkView = ByteBuffer.wrap(chunk);
        }
        return inflater;
    }

    /** Inflates what input the inflater holds, one chunk at a time. */
    private void drain(Inflater inf, Sink sink) throws ProtocolException {
        try {
            while (true) {
                int n = inf.inflate(chunk, 0, CHUNK_BYTES);
                if (n > 0) {
                    chunkView.clear().limit(n);
                    if (received != null) {
                        received.append(chunkView);
                    }
                    sink.accept(chunkView);
                    continue;
                }
                if (inf.finished()) {
                    streamFinished = true; // §7.2.3.4: a final block ended the stream
                    return;
                }
                if (inf.needsDictionary()) {
                    throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "compressed data asks for a dictionary");
                }
                return; // needs input: everything given has been inflated
            }
        } catch (DataFormatException e) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "invalid compressed data: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * This codec keeps zlib for the connection's life ({@code ondine.deflateReleaseMillis}
     * negative): no history is kept, and {@link #releaseIdle()} does nothing. Called before
     * the first message.
     */
    public void neverReleased() {
        kept = true;
        synchronized (deflateLock) {
            sent = null;
        }
        synchronized (inflateLock) {
            received = null;
        }
    }

    /**
     * Gives zlib's memory back for each direction that is between messages (a message sent
     * or received in parts keeps its direction's state until it ends); the next message
     * rebuilds what it needs from the kept history. The histories are trimmed to their size.
     *
     * @return whether a direction is still held (it was in the middle of a message)
     */
    public boolean releaseIdle() {
        if (kept) {
            return false;
        }
        boolean held = false;
        synchronized (deflateLock) {
            if (deflater != null) {
                if (sending) {
                    held = true;
                } else {
                    deflater.end();
                    deflater = null;
                }
            }
            if (sent != null && !sending) {
                sent.compact();
            }
        }
        synchronized (inflateLock) {
            if (inflater != null) {
                if (receiving) {
                    held = true;
                } else {
                    inflater.end();
                    inflater = null;
                    chunk = null;
                    chunkView = null;
                }
            }
            if (received != null && !receiving) {
                received.compact();
            }
        }
        return held;
    }

    /** Releases zlib's memory and the histories; compressing afterwards fails, decompressing does nothing. */
    public void end() {
        synchronized (deflateLock) {
            deflateEnded = true;
            if (deflater != null) {
                deflater.end();
                deflater = null;
            }
            if (sent != null) {
                sent.clear();
            }
        }
        synchronized (inflateLock) {
            inflateEnded = true;
            if (inflater != null) {
                inflater.end();
                inflater = null;
                chunk = null;
                chunkView = null;
            }
            if (received != null) {
                received.clear();
            }
        }
    }

    /** Whether a deflater is held now (tests, memory accounting). */
    public boolean holdsDeflater() {
        synchronized (deflateLock) {
            return deflater != null;
        }
    }

    /** Whether an inflater is held now (tests, memory accounting). */
    public boolean holdsInflater() {
        synchronized (inflateLock) {
            return inflater != null;
        }
    }

    /** Heap bytes the two histories hold now (tests, memory accounting). */
    public int historyBytes() {
        int bytes = 0;
        synchronized (deflateLock) {
            bytes += sent == null ? 0 : sent.retainedBytes();
        }
        synchronized (inflateLock) {
            bytes += received == null ? 0 : received.retainedBytes();
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "PerMessageDeflate" + parameters;
    }
}
