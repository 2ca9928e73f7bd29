package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ondine.impl.protocol.RecordingHandler.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    // --- helpers ---------------------------------------------------------------------------

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    static byte[] pattern(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + 7);
        }
        return out;
    }

    /** Parses {@code stream} in pieces of {@code piece} bytes (0 = all at once). */
    private static List<Event> parse(Role role, byte[] stream, int piece, long limit) throws ProtocolException {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(role, handler, limit);
        feed(parser, stream, piece);
        assertTrue(parser.isAtFrameBoundary(), "stream ended inside a frame");
        return handler.events;
    }

    private static void feed(FrameParser parser, byte[] stream, int piece) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(stream.clone());
        int step = piece == 0 ? Math.max(1, stream.length) : piece;
        for (int at = 0; at < stream.length; at += step) {
            in.limit(Math.min(stream.length, at + step)).position(at);
            parser.parse(in);
            assertEquals(in.limit(), in.position(), "parse must consume all input");
        }
    }

    /** Parses whole and one byte at a time; both must give {@code expected}. */
    private static void assertParses(Role role, byte[] stream, Event... expected) throws ProtocolException {
        assertEquals(List.of(expected), parse(role, stream, 0, NO_LIMIT), "whole");
        assertEquals(List.of(expected), parse(role, stream, 1, NO_LIMIT), "byte by byte");
    }

    private static void assertFails(Role role, long limit, int closeCode, byte[] stream) {
        for (int piece : new int[] {0, 1}) {
            RecordingHandler handler = new RecordingHandler();
            FrameParser parser = new FrameParser(role, handler, limit);
            ProtocolException e = assertThrows(ProtocolException.class, () -> feed(parser, stream, piece));
            assertEquals(closeCode, e.closeCode(), e.getMessage());
            assertTrue(parser.isFailed());
        }
    }

    private static void assertProtocolError(Role role, byte[] stream) {
        assertFails(role, NO_LIMIT, CloseCodes.PROTOCOL_ERROR, stream);
    }

    private static byte[] maskedFrame(int firstByte, byte[] payload, int key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        }
        byte[] keyBytes = bytes(key >>> 24, key >>> 16, key >>> 8, key);
        out.write(keyBytes, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ keyBytes[i % 4]);
        }
        return out.toByteArray();
    }

    private static byte[] unmaskedFrame(int firstByte, byte[] payload) {
        assertTrue(payload.length < 126);
        return concat(bytes(firstByte, payload.length), payload);
    }

    // --- RFC 6455 §5.7 examples --------------------------------------------------------------

    @Test
    void rfcSingleFrameUnmaskedText() throws ProtocolException {
        assertParses(Role.CLIENT, bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                Event.data(Opcode.TEXT, true, 0, HELLO));
    }

    @Test
    void rfcSingleFrameMaskedText() throws ProtocolException {
        assertParses(Role.SERVER, bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                Event.data(Opcode.TEXT, true, 0, HELLO));
    }

    @Test
    void rfcFragmentedUnmaskedText() throws ProtocolException {
        assertParses(Role.CLIENT, bytes(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f),
                Event.data(Opcode.TEXT, false, 0, bytes(0x48, 0x65, 0x6c)),
                Event.data(Opcode.CONTINUATION, true, 0, bytes(0x6c, 0x6f)));
    }

    @Test
    void rfcUnmaskedPingAndMaskedPong() throws ProtocolException {
        assertParses(Role.CLIENT, bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                Event.control(Opcode.PING, HELLO));
        assertParses(Role.SERVER, bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                Event.control(Opcode.PONG, HELLO));
    }

    @Test
    void rfc256BytesBinaryWith16BitLength() throws ProtocolException {
        byte[] payload = pattern(256);
        assertParses(Role.CLIENT, concat(bytes(0x82, 0x7E, 0x01, 0x00), payload),
                Event.data(Opcode.BINARY, true, 0, payload));
    }

    @Test
    void rfc64KiBBinaryWith64BitLength() throws ProtocolException {
        byte[] payload = pattern(65536);
        assertParses(Role.CLIENT, concat(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00), payload),
                Event.data(Opcode.BINARY, true, 0, payload));
    }

    // --- lengths and payload delivery --------------------------------------------------------

    @Test
    void zeroLengthFrames() throws ProtocolException {
        byte[] empty = new byte[0];
        assertParses(Role.CLIENT, bytes(0x81, 0x00, 0x02, 0x00, 0x80, 0x00, 0x89, 0x00, 0x88, 0x00),
                Event.data(Opcode.TEXT, true, 0, empty),
                Event.data(Opcode.BINARY, false, 0, empty),
                Event.data(Opcode.CONTINUATION, true, 0, empty),
                Event.control(Opcode.PING, empty),
                Event.control(Opcode.CLOSE, empty));
        assertParses(Role.SERVER, concat(maskedFrame(0x82, empty, 0x01020304), maskedFrame(0x8A, empty, -1)),
                Event.data(Opcode.BINARY, true, 0, empty),
                Event.control(Opcode.PONG, empty));
    }

    @Test
    void zeroLengthDataFrameEndsWithoutFurtherInput() throws ProtocolException {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(Role.CLIENT, handler, NO_LIMIT);
        parser.parse(ByteBuffer.wrap(bytes(0x82, 0x00)));
        assertEquals(List.of(Event.data(Opcode.BINARY, true, 0, new byte[0])), handler.events);
        assertTrue(parser.isAtFrameBoundary());
    }

    @Test
    void extendedLengthsAtTheirSmallestMinimalValues() throws ProtocolException {
        byte[] p126 = pattern(126);
        assertParses(Role.CLIENT, concat(bytes(0x82, 126, 0x00, 126), p126), Event.data(Opcode.BINARY, true, 0, p126));
        byte[] p65535 = pattern(65535);
        assertParses(Role.CLIENT, concat(bytes(0x82, 126, 0xFF, 0xFF), p65535),
                Event.data(Opcode.BINARY, true, 0, p65535));
    }

    @Test
    void dataPayloadIsUnmaskedInPlaceAndHandedOverAsAViewOfTheInput() throws ProtocolException {
        byte[] wire = maskedFrame(0x82, pattern(40), 0x11223344);
        ByteBuffer in = ByteBuffer.wrap(wire);
        List<ByteBuffer> chunks = new ArrayList<>();
        FrameParser parser = new FrameParser(Role.SERVER, new RecordingHandler() {
            @Override
            public void onDataPayload(ByteBuffer chunk) throws ProtocolException {
                // The chunk is a window on the input's own bytes, valid during this call.
                assertEquals(6, chunk.position());
                assertEquals(46, chunk.limit());
                chunks.add(chunk);
                super.onDataPayload(chunk.duplicate());
                chunk.put(chunk.position(), (byte) 0x5A);
            }
        }, NO_LIMIT);
        parser.parse(in);
        assertEquals(1, chunks.size());
        assertSame(in, chunks.get(0), "no buffer object is made per frame");
        // The input holds the unmasked payload after the 6 header bytes (the first one
        // overwritten through the chunk above) ...
        assertArrayEquals(java.util.Arrays.copyOfRange(pattern(40), 1, 40), java.util.Arrays.copyOfRange(wire, 7, 46));
        assertEquals(0x5A, wire[6]);
        // ... and the input's position and limit are as parse() promises.
        assertEquals(in.limit(), in.position());
        assertEquals(wire.length, in.limit());
    }

    @Test
    void payloadSplitAcrossCallsKeepsTheMaskPhase() throws ProtocolException {
        byte[] payload = pattern(300);
        byte[] wire = concat(maskedFrame(0x82, payload, 0xA1B2C3D4), maskedFrame(0x89, pattern(125), 0x01020304));
        for (int piece : new int[] {1, 2, 3, 5, 7, 13, 64}) {
            assertEquals(List.of(Event.data(Opcode.BINARY, true, 0, payload), Event.control(Opcode.PING, pattern(125))),
                    parse(Role.SERVER, wire, piece, NO_LIMIT), "piece " + piece);
        }
    }

    @Test
    void directInputBuffers() throws ProtocolException {
        byte[] wire = maskedFrame(0x81, HELLO, 0x37fa213d);
        ByteBuffer in = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        RecordingHandler handler = new RecordingHandler();
        new FrameParser(Role.SERVER, handler, NO_LIMIT).parse(in);
        assertEquals(List.of(Event.data(Opcode.TEXT, true, 0, HELLO)), handler.events);
    }

    // --- control frames (§5.5) ---------------------------------------------------------------

    @Test
    void pingOf125BytesIsAccepted() throws ProtocolException {
        byte[] payload = pattern(125);
        assertParses(Role.SERVER, maskedFrame(0x89, payload, 0x0badf00d), Event.control(Opcode.PING, payload));
    }

    @Test
    void pingOf126BytesIsAProtocolError() {
        assertProtocolError(Role.SERVER, maskedFrame(0x89, pattern(126), 0x0badf00d));
        assertProtocolError(Role.CLIENT, concat(bytes(0x89, 126, 0, 126), pattern(126)));
        assertProtocolError(Role.CLIENT, bytes(0x8A, 127, 0, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void fragmentedControlFramesAreProtocolErrors() {
        assertProtocolError(Role.CLIENT, unmaskedFrame(0x09, HELLO));
        assertProtocolError(Role.CLIENT, unmaskedFrame(0x0A, HELLO));
        assertProtocolError(Role.SERVER, maskedFrame(0x08, bytes(0x03, 0xE8), 7));
    }

    @Test
    void controlFramesMayArriveBetweenFragments() throws ProtocolException {
        byte[] stream = concat(
                maskedFrame(0x02, bytes(1, 2, 3), 0x10203040),
                maskedFrame(0x89, HELLO, 0x55667788),
                maskedFrame(0x00, bytes(4, 5), 0x11111111),
                maskedFrame(0x8A, new byte[0], 0x22222222),
                maskedFrame(0x80, bytes(6), 0x33333333),
                maskedFrame(0x81, HELLO, 0x44444444));
        assertParses(Role.SERVER, stream,
                Event.data(Opcode.BINARY, false, 0, bytes(1, 2, 3)),
                Event.control(Opcode.PING, HELLO),
                Event.data(Opcode.CONTINUATION, false, 0, bytes(4, 5)),
                Event.control(Opcode.PONG, new byte[0]),
                Event.data(Opcode.CONTINUATION, true, 0, bytes(6)),
                Event.data(Opcode.TEXT, true, 0, HELLO));
    }

    // --- opcodes, RSV, masking ---------------------------------------------------------------

    @Test
    void reservedOpcodesAreProtocolErrors() {
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            assertProtocolError(Role.CLIENT, unmaskedFrame(0x80 | opcode, HELLO));
            assertProtocolError(Role.SERVER, maskedFrame(0x80 | opcode, HELLO, 99));
        }
    }

    @Test
    void rsvBitsAreRefusedUnlessAllowed() throws ProtocolException {
        for (int rsv = 1; rsv <= 7; rsv++) {
            assertProtocolError(Role.CLIENT, unmaskedFrame(0x80 | rsv << 4 | Opcode.TEXT, HELLO));
        }
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(Role.CLIENT, handler, NO_LIMIT);
        parser.setAllowedRsvBits(4);
        parser.parse(ByteBuffer.wrap(unmaskedFrame(0xC1, HELLO)));
        assertEquals(List.of(Event.data(Opcode.TEXT, true, 4, HELLO)), handler.events);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> parser.parse(ByteBuffer.wrap(unmaskedFrame(0xE1, HELLO))));
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        assertThrows(IllegalArgumentException.class, () -> parser.setAllowedRsvBits(8));
    }

    @Test
    void rsvBitsOnControlFramesAreRefusedEvenWhenAllowedOnData() {
        // RFC 7692 §6.1: the "Per-Message Compressed" bit is never set on a control frame.
        for (int opcode : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            FrameParser parser = new FrameParser(Role.CLIENT, new RecordingHandler(), NO_LIMIT);
            parser.setAllowedRsvBits(4);
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> parser.parse(ByteBuffer.wrap(unmaskedFrame(0xC0 | opcode, new byte[0]))));
            assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        }
    }

    @Test
    void aServerRefusesUnmaskedFramesAndAClientRefusesMaskedOnes() {
        assertProtocolError(Role.SERVER, unmaskedFrame(0x81, HELLO));
        assertProtocolError(Role.SERVER, unmaskedFrame(0x89, HELLO));
        assertProtocolError(Role.CLIENT, maskedFrame(0x81, HELLO, 0x37fa213d));
        assertProtocolError(Role.CLIENT, maskedFrame(0x88, new byte[0], 1));
    }

    // --- length encoding (§5.2) --------------------------------------------------------------

    @Test
    void lengthWithMostSignificantBitSetIsAProtocolError() {
        assertProtocolError(Role.CLIENT, bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0));
        assertProtocolError(Role.CLIENT, bytes(0x82, 127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void nonMinimalLengthsAreProtocolErrors() {
        assertProtocolError(Role.CLIENT, concat(bytes(0x82, 126, 0, 125), pattern(125)));
        assertProtocolError(Role.CLIENT, concat(bytes(0x82, 126, 0, 0)));
        assertProtocolError(Role.CLIENT, concat(bytes(0x82, 127, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF), pattern(65535)));
        assertProtocolError(Role.CLIENT, concat(bytes(0x82, 127, 0, 0, 0, 0, 0, 0, 0, 5), pattern(5)));
    }

    @Test
    void frameLargerThanTheLimitIsTooBigBeforeAnyPayloadArrives() throws ProtocolException {
        // Only the headers are sent: the parser must refuse without waiting for the payload.
        assertFails(Role.CLIENT, 100, CloseCodes.TOO_BIG, bytes(0x82, 101));
        assertFails(Role.CLIENT, 100, CloseCodes.TOO_BIG, bytes(0x81, 126, 0x01, 0x00));
        assertFails(Role.CLIENT, 100, CloseCodes.TOO_BIG, bytes(0x80 | Opcode.BINARY, 127, 0, 0, 0, 1, 0, 0, 0, 0));
        assertFails(Role.SERVER, 100, CloseCodes.TOO_BIG, bytes(0x82, 0x80 | 101));
        assertFails(Role.CLIENT, 100, CloseCodes.TOO_BIG, concat(unmaskedFrame(0x01, HELLO), bytes(0x00, 126, 0, 200)));
        // At the limit is fine, and control frames are bound by §5.5 only.
        assertEquals(1, parse(Role.CLIENT, concat(bytes(0x82, 100), pattern(100)), 0, 100).size());
        assertEquals(1, parse(Role.CLIENT, unmaskedFrame(0x89, pattern(120)), 0, 100).size());
    }

    // --- fragmentation (§5.4) ----------------------------------------------------------------

    @Test
    void continuationWithoutAnOpenMessageIsAProtocolError() {
        assertProtocolError(Role.CLIENT, unmaskedFrame(0x80, HELLO));
        assertProtocolError(Role.CLIENT, unmaskedFrame(0x00, HELLO));
        assertProtocolError(Role.CLIENT, concat(unmaskedFrame(0x01, HELLO), unmaskedFrame(0x80, HELLO),
                unmaskedFrame(0x80, HELLO)));
    }

    @Test
    void newDataMessageInsideAFragmentedOneIsAProtocolError() {
        assertProtocolError(Role.CLIENT, concat(unmaskedFrame(0x01, HELLO), unmaskedFrame(0x81, HELLO)));
        assertProtocolError(Role.CLIENT, concat(unmaskedFrame(0x02, HELLO), unmaskedFrame(0x00, HELLO),
                unmaskedFrame(0x02, HELLO)));
        assertProtocolError(Role.SERVER, concat(maskedFrame(0x01, HELLO, 5), maskedFrame(0x89, HELLO, 6),
                maskedFrame(0x82, HELLO, 7)));
    }

    @Test
    void tracksWhetherAFragmentedMessageIsOpen() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, new RecordingHandler(), NO_LIMIT);
        parser.parse(ByteBuffer.wrap(unmaskedFrame(0x01, HELLO)));
        assertTrue(parser.isFragmentedMessageOpen());
        parser.parse(ByteBuffer.wrap(unmaskedFrame(0x89, HELLO)));
        assertTrue(parser.isFragmentedMessageOpen());
        parser.parse(ByteBuffer.wrap(unmaskedFrame(0x80, HELLO)));
        assertFalse(parser.isFragmentedMessageOpen());
    }

    // --- failure ----------------------------------------------------------------------------

    @Test
    void eventsBeforeTheBadFrameAreDeliveredAndNothingAfter() {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(Role.CLIENT, handler, NO_LIMIT);
        ByteBuffer in = ByteBuffer.wrap(concat(unmaskedFrame(0x81, HELLO), bytes(0x83, 0), unmaskedFrame(0x81, HELLO)));
        assertThrows(ProtocolException.class, () -> parser.parse(in));
        assertEquals(List.of(Event.data(Opcode.TEXT, true, 0, HELLO)), handler.events);
        assertEquals(in.limit(), in.position());
    }

    @Test
    void aFailedParserStaysFailed() {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(Role.CLIENT, handler, NO_LIMIT);
        ProtocolException first = assertThrows(ProtocolException.class,
                () -> parser.parse(ByteBuffer.wrap(bytes(0x81, 0x85))));
        ByteBuffer more = ByteBuffer.wrap(unmaskedFrame(0x81, HELLO));
        ProtocolException again = assertThrows(ProtocolException.class, () -> parser.parse(more));
        assertSame(first, again);
        assertEquals(more.limit(), more.position());
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void anExceptionFromTheHandlerFailsTheParser() {
        ProtocolException invalid = new ProtocolException(CloseCodes.INVALID_PAYLOAD, "bad UTF-8");
        FrameParser parser = new FrameParser(Role.CLIENT, new RecordingHandler() {
            @Override
            public void onDataPayload(ByteBuffer chunk) throws ProtocolException {
                throw invalid;
            }
        }, NO_LIMIT);
        ByteBuffer in = ByteBuffer.wrap(concat(unmaskedFrame(0x81, HELLO), unmaskedFrame(0x81, HELLO)));
        assertSame(invalid, assertThrows(ProtocolException.class, () -> parser.parse(in)));
        assertEquals(in.limit(), in.position());
        assertTrue(parser.isFailed());
        assertSame(invalid, assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.allocate(0))));
    }

    @Test
    void refusesBadConstructorArguments() {
        assertThrows(NullPointerException.class, () -> new FrameParser(null, new RecordingHandler(), 1));
        assertThrows(NullPointerException.class, () -> new FrameParser(Role.SERVER, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameParser(Role.SERVER, new RecordingHandler(), -1));
    }
}
