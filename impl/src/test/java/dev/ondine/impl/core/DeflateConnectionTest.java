package dev.ondine.impl.core;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.DeflateTestData;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static dev.ondine.impl.core.Frames.clientFrame;
import static dev.ondine.impl.core.Frames.concat;
import static dev.ondine.impl.core.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection with permessage-deflate negotiated (RFC 7692), over the in-memory transport. */
class DeflateConnectionTest {
    private static final int RSV1 = PerMessageDeflate.RSV1;
    private static final byte[] HELLO_DEFLATED = hex("f2 48 cd c9 c9 07 00");

    private final InMemoryTransport transport = new InMemoryTransport();
    private final RecordingListener listener = new RecordingListener();
    private PerMessageDeflate deflate;

    private static byte[] hex(String s) {
        return DeflateTestData.hex(s);
    }

    private WebSocketConnection open(Role role, Limits limits, DeflateParameters agreed) {
        deflate = agreed == null ? null : new PerMessageDeflate(role, agreed);
        WebSocketConnection c = new WebSocketConnection(role, transport, listener, Upgrade.connectionLimits(limits),
                role == Role.CLIENT ? new MaskKeySource(new Random(1)) : null, deflate);
        transport.connection = c;
        c.start();
        return c;
    }

    private WebSocketConnection open(Limits limits) {
        return open(Role.SERVER, limits, DeflateParameters.DEFAULTS);
    }

    private WebSocketConnection open() {
        return open(Limits.defaults());
    }

    private List<Frames.Frame> written(Role writer) {
        return Frames.decode(writer, transport.takeWritten());
    }

    private static ByteBuffer compressedClientFrame(boolean fin, int opcode, byte[] payload) {
        return frame(Role.CLIENT, fin, RSV1, opcode, payload);
    }

    /** What a peer's compressor makes of {@code message}. */
    private static byte[] peerCompress(byte[] message) {
        return bytes(new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS).compress(ByteBuffer.wrap(message), true));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Inflates the frames of one message as the peer would (tail appended, §7.2.2). */
    private static byte[] peerInflate(PerMessageDeflate peer, List<Frames.Frame> frames) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Sink sink = chunk -> {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.write(b, 0, b.length);
        };
        for (Frames.Frame f : frames) {
            peer.decompress(ByteBuffer.wrap(f.payload()), sink);
        }
        peer.endMessage(sink);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ inbound

    @Test
    void compressedMessagesAreInflatedAndPlainOnesStillAccepted() {
        open();
        transport.connection.onBytesReceived(concat(
                compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED),
                // §7.2.3.2: the same again, with the window of the first
                compressedClientFrame(true, Opcode.TEXT, hex("f2 00 11 00 00")),
                // RSV1 clear: an uncompressed message (§6)
                clientFrame(true, Opcode.TEXT, "plain".getBytes(StandardCharsets.UTF_8)),
                compressedClientFrame(true, Opcode.BINARY, HELLO_DEFLATED)));
        assertEquals(List.of("open", "text:Hello", "text:Hello", "text:plain", "binary:5"), listener.events);
    }

    @Test
    void aFragmentedCompressedMessageHasRsv1OnItsFirstFrameOnly() {
        open();
        // §7.2.3.1: "Hello" compressed, in two fragments, a ping between them; fed a byte at a time.
        ByteBuffer stream = concat(
                compressedClientFrame(false, Opcode.TEXT, hex("f2 48 cd")),
                clientFrame(true, Opcode.PING, new byte[] {'p'}),
                clientFrame(true, Opcode.CONTINUATION, hex("c9 c9 07 00")));
        while (stream.hasRemaining()) {
            transport.connection.onBytesReceived(ByteBuffer.wrap(new byte[] {stream.get()}));
        }
        assertEquals(List.of("open", "ping:p", "text:Hello"), listener.events);
    }

    @Test
    void compressedMessagesMayBeDeliveredInParts() {
        listener.partialText = true;
        open();
        byte[] big = "a".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        transport.connection.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, peerCompress(big)));
        StringBuilder text = new StringBuilder();
        for (String e : listener.events.subList(1, listener.events.size())) {
            text.append(e, "textPart:".length(), e.endsWith(":last") ? e.length() - ":last".length() : e.length());
        }
        assertEquals(100_000, text.length());
        assertTrue(listener.events.get(listener.events.size() - 1).endsWith(":last"));
        assertTrue(listener.events.size() > 3, "pieces of at most a chunk: " + listener.events.size());
    }

    @Test
    void rsv1OnAContinuationFrameFailsWith1002() {
        open();
        transport.connection.onBytesReceived(concat(
                compressedClientFrame(false, Opcode.TEXT, hex("f2 48 cd")),
                compressedClientFrame(true, Opcode.CONTINUATION, hex("c9 c9 07 00"))));
        assertEquals(CloseCodes.PROTOCOL_ERROR, listener.closeCode == -1 ? closeCodeWritten() : listener.closeCode);
        assertFalse(listener.events.contains("text:Hello"));
    }

    @Test
    void rsv1OnAnUncompressedContinuationOfAPlainMessageFailsToo() {
        open();
        transport.connection.onBytesReceived(concat(
                clientFrame(false, Opcode.TEXT, "He".getBytes(StandardCharsets.UTF_8)),
                compressedClientFrame(true, Opcode.CONTINUATION, hex("c9 c9 07 00"))));
        assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeWritten());
    }

    @Test
    void rsv1OnAControlFrameFailsWith1002() {
        open();
        transport.connection.onBytesReceived(frame(Role.CLIENT, true, RSV1, Opcode.PING, new byte[0]));
        assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeWritten());
    }

    @Test
    void rsv1WithoutDeflateNegotiatedFailsWith1002() {
        open(Role.SERVER, Limits.defaults(), null);
        transport.connection.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
        assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeWritten());
    }

    @Test
    void decompressedTextIsCheckedForUtf8() {
        open();
        byte[] invalid = {'o', 'k', (byte) 0xC3, (byte) 0x28};
        transport.connection.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, peerCompress(invalid)));
        assertEquals(CloseCodes.INVALID_PAYLOAD, closeCodeWritten());
    }

    @Test
    void invalidCompressedDataFailsWith1007() {
        open();
        transport.connection.onBytesReceived(compressedClientFrame(true, Opcode.BINARY, hex("ff ff ff ff")));
        assertEquals(CloseCodes.INVALID_PAYLOAD, closeCodeWritten());
    }

    private int closeCodeWritten() {
        List<Frames.Frame> frames = written(Role.SERVER);
        Frames.Frame last = frames.get(frames.size() - 1);
        assertEquals(Opcode.CLOSE, last.opcode(), frames.toString());
        return last.closeCode();
    }

    // ------------------------------------------------------------------ deflate bombs

    /** 64 MiB of zeros, deflated by a peer: about 64 KiB on the wire. */
    private static byte[] bomb() {
        return DeflateTestData.bomb(64 << 20);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aDeflateBombFailsWith1009WithoutSpendingMoreThanTheLimit() {
        int limit = 1 << 20;
        open(Limits.builder().maxMessageBytes(limit).build());
        ByteBuffer frame = compressedClientFrame(true, Opcode.BINARY, bomb());
        assertTrue(frame.remaining() < 128 * 1024, "bomb frame of " + frame.remaining() + " bytes");
        // Warm up the allocation counter and the code paths, then measure this thread's allocations.
        allocatedBytes();
        long before = allocatedBytes();
        transport.connection.onBytesReceived(frame);
        long allocated = allocatedBytes() - before;
        assertEquals(CloseCodes.TOO_BIG, listener.closeCode == -1 ? closeCodeWritten() : listener.closeCode);
        assertFalse(listener.events.contains("binary:" + (64 << 20)));
        // The message array grows by doubling up to the limit (at most 2 x limit in all),
        // plus one 8 KiB chunk; nothing is sized by the 64 MiB the bomb would inflate to.
        assertTrue(allocated < 2L * limit + 512 * 1024, "allocated " + allocated + " bytes for a limit of " + limit);
    }

    @Test
    void aDeflateBombIntoAPartialHandlerStopsAtTheDecompressedLimit() {
        listener.partialBinary = true;
        int limit = 4 << 20;
        open(Limits.builder().maxDecompressedMessageBytes(limit).build());
        ByteBuffer frame = compressedClientFrame(true, Opcode.BINARY, bomb());
        allocatedBytes();
        long before = allocatedBytes();
        transport.connection.onBytesReceived(frame);
        long allocated = allocatedBytes() - before;
        long delivered = 0;
        for (String e : listener.events) {
            if (e.startsWith("binaryPart:")) {
                delivered += Long.parseLong(e.split(":")[1]);
            }
        }
        assertTrue(delivered <= limit, "delivered " + delivered);
        assertTrue(listener.events.contains("error"));
        assertEquals(CloseCodes.TOO_BIG, closeCodeWritten());
        // Each piece is a copy of at most one chunk: what was delivered, and little more.
        assertTrue(allocated < limit + (2L << 20), "allocated " + allocated);
    }

    // ------------------------------------------------------------------ outbound

    @Test
    void outgoingMessagesAreCompressedWithRsv1AndControlFramesAreNot() throws ProtocolException {
        WebSocketConnection c = open();
        transport.takeWritten();
        c.sendText("Hello", SendCallback.NOOP);
        c.sendText("Hello", SendCallback.NOOP);
        c.sendPing(ByteBuffer.wrap(new byte[] {1}), SendCallback.NOOP);
        List<Frames.Frame> frames = written(Role.SERVER);
        assertEquals(3, frames.size());
        assertEquals(RSV1, frames.get(0).rsv());
        assertArrayEquals(HELLO_DEFLATED, frames.get(0).payload());
        assertEquals(RSV1, frames.get(1).rsv());
        assertArrayEquals(hex("f2 00 11 00 00"), frames.get(1).payload()); // §7.2.3.2
        assertEquals(Opcode.PING, frames.get(2).opcode());
        assertEquals(0, frames.get(2).rsv());
    }

    @Test
    void aMessageSentInPartsIsOneCompressedStreamWithRsv1OnTheFirstFrame() throws ProtocolException {
        WebSocketConnection c = open(Role.CLIENT, Limits.defaults(), DeflateParameters.DEFAULTS);
        transport.takeWritten();
        byte[] a = "The quick brown fox ".getBytes(StandardCharsets.UTF_8);
        byte[] b = "jumps over the lazy dog; the quick brown fox".getBytes(StandardCharsets.UTF_8);
        c.send(MessageType.BINARY, ByteBuffer.wrap(a), false, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        c.send(MessageType.BINARY, ByteBuffer.wrap(b), false, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        c.send(MessageType.BINARY, ByteBuffer.allocate(0), true, SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        c.sendBinary(ByteBuffer.wrap(a), SendCallback.NOOP);
        List<Frames.Frame> frames = written(Role.CLIENT); // masked, as a client's must be
        assertEquals(4, frames.size());
        assertEquals(List.of(RSV1, 0, 0, RSV1), frames.stream().map(Frames.Frame::rsv).toList());
        assertEquals(List.of(Opcode.BINARY, Opcode.CONTINUATION, Opcode.CONTINUATION, Opcode.BINARY),
                frames.stream().map(Frames.Frame::opcode).toList());
        PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(a);
        expected.writeBytes(b);
        assertArrayEquals(expected.toByteArray(), peerInflate(server, frames.subList(0, 3)));
        assertArrayEquals(a, peerInflate(server, frames.subList(3, 4)));
    }

    @Test
    void bigMessagesRoundTripBetweenTwoConnections() throws ProtocolException {
        WebSocketConnection c = open();
        transport.takeWritten();
        byte[] data = new byte[3 << 20];
        new Random(3).nextBytes(data);
        for (int i = 0; i < data.length; i += 7) {
            data[i] = 'x'; // partly compressible
        }
        c.sendBinary(ByteBuffer.wrap(data), SendCallback.NOOP);
        List<Frames.Frame> frames = written(Role.SERVER);
        assertTrue(frames.get(0).payload().length < data.length);
        assertArrayEquals(data, peerInflate(new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS), frames));
    }

    @Test
    void zlibIsReleasedWhenTheTransportCloses() {
        WebSocketConnection c = open();
        c.sendText("Hello", SendCallback.NOOP);
        c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
        assertTrue(deflate.holdsDeflater());
        assertTrue(deflate.holdsInflater());
        transport.close();
        assertFalse(deflate.holdsDeflater());
        assertFalse(deflate.holdsInflater());
        assertEquals("close:1006", listener.events.get(listener.events.size() - 1));
    }

    @Test
    void anIdleConnectionHoldsNoZlibState() {
        WebSocketConnection c = open();
        c.onBytesReceived(clientFrame(true, Opcode.TEXT, "plain".getBytes(StandardCharsets.UTF_8)));
        assertFalse(deflate.holdsDeflater());
        assertFalse(deflate.holdsInflater());
        assertEquals(deflate, c.deflate());
    }

    // ------------------------------------------------------------------ idle release (issue 18)

    @Test
    void zlibIsGivenBackAfterTheReleaseDelayAndTheStreamGoesOnFromTheHistory() throws ProtocolException {
        WebSocketConnection c = open(Limits.builder().deflateReleaseMillis(1000).build());
        transport.takeWritten();
        c.sendText("Hello", SendCallback.NOOP);
        c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
        assertTrue(deflate.holdsDeflater());
        assertTrue(deflate.holdsInflater());
        transport.advance(600);
        c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, hex("f2 00 11 00 00"))); // used again: kept longer
        transport.advance(600);
        assertTrue(deflate.holdsDeflater(), "sent 1200 ms ago, received 600 ms ago: one codec, one timer");
        transport.advance(400);
        assertFalse(deflate.holdsDeflater());
        assertFalse(deflate.holdsInflater());
        assertEquals(0, transport.pendingTimers() - idleAndOtherTimers(c));
        // The next messages rebuild zlib from the kept bytes: back-references on both sides (§7.2.3.2).
        c.sendText("Hello", SendCallback.NOOP);
        c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, hex("f2 00 11 00 00")));
        List<Frames.Frame> frames = written(Role.SERVER);
        assertArrayEquals(HELLO_DEFLATED, frames.get(0).payload());
        assertArrayEquals(hex("f2 00 11 00 00"), frames.get(1).payload());
        assertEquals(List.of("text:Hello", "text:Hello", "text:Hello"), listener.events.stream()
                .filter(e -> e.startsWith("text:")).toList());
    }

    /** Timers the connection runs for other reasons (the idle timeout). */
    private int idleAndOtherTimers(WebSocketConnection c) {
        return c.idleTimeoutMillis() > 0 ? 1 : 0;
    }

    @Test
    void aReleaseDelayOfZeroReleasesAfterEveryMessageAndANegativeOneNever() {
        WebSocketConnection c = open(Limits.builder().deflateReleaseMillis(0).build());
        c.sendText("Hello", SendCallback.NOOP);
        assertFalse(deflate.holdsDeflater());
        c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
        assertFalse(deflate.holdsInflater());
        c.onBytesReceived(compressedClientFrame(false, Opcode.TEXT, hex("f2 48 cd")));
        c.sendText("Hello", SendCallback.NOOP);
        assertTrue(deflate.holdsInflater(), "a message half received keeps its inflater");
        c.onBytesReceived(clientFrame(true, Opcode.CONTINUATION, hex("c9 c9 07 00")));
        assertFalse(deflate.holdsInflater());

        WebSocketConnection kept = open(Limits.builder().deflateReleaseMillis(-1).build());
        kept.sendText("Hello", SendCallback.NOOP);
        kept.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
        transport.advance(3_600_000);
        assertTrue(deflate.holdsDeflater());
        assertTrue(deflate.holdsInflater());
        assertEquals(0, deflate.historyBytes(), "never released: no history kept");
    }

    @Test
    void aServerAskedForASmallerWindowSendsUncompressedButStillInflates() {
        for (int bits = 8; bits <= 14; bits++) {
            WebSocketConnection c = open(Role.SERVER, Limits.defaults(), new DeflateParameters(false, false, bits, 0));
            transport.takeWritten();
            c.onBytesReceived(compressedClientFrame(true, Opcode.TEXT, HELLO_DEFLATED));
            c.sendText("Hello", SendCallback.NOOP);
            List<Frames.Frame> frames = written(Role.SERVER);
            assertEquals(0, frames.get(0).rsv(), "RFC 7692 §6: RSV1 clear, not compressed");
            assertArrayEquals("Hello".getBytes(StandardCharsets.UTF_8), frames.get(0).payload());
            assertFalse(deflate.holdsDeflater());
            assertEquals("text:Hello", listener.events.stream().filter(e -> e.startsWith("text:")).findFirst().orElseThrow());
        }
    }

    @Test
    void aClientAskedForASmallerWindowSendsUncompressedMaskedFrames() {
        WebSocketConnection c = open(Role.CLIENT, Limits.defaults(), new DeflateParameters(false, false, 0, 9));
        transport.takeWritten();
        c.sendBinary(ByteBuffer.wrap(new byte[1000]), SendCallback.NOOP);
        List<Frames.Frame> frames = written(Role.CLIENT);
        assertEquals(0, frames.get(0).rsv());
        assertEquals(1000, frames.get(0).payload().length);
    }
}
