package dev.ondine.impl.protocol;

import static dev.ondine.impl.protocol.FrameParserTest.bytes;
import static dev.ondine.impl.protocol.FrameParserTest.concat;
import static dev.ondine.impl.protocol.FrameParserTest.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ondine.impl.protocol.RecordingHandler.Event;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private final FrameWriter server = new FrameWriter(Role.SERVER, null);
    private final FrameWriter client = new FrameWriter(Role.CLIENT, new MaskKeySource(new Random(5)));

    /** A key source whose every key is 0x37fa213d, the key of the RFC's masked examples (§5.7). */
    private static MaskKeySource rfcKeys() {
        return new MaskKeySource(new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) (0x37fa213d >>> (24 - 8 * (i % 4)));
                }
            }
        });
    }

    private static byte[] joined(ByteBuffer[] parts) {
        return concat(RecordingHandler.bytes(parts[0]), RecordingHandler.bytes(parts[1]));
    }

    private static byte[] header(FrameWriter writer, boolean fin, int rsv, int opcode, long length) {
        ByteBuffer dst = ByteBuffer.allocate(FrameWriter.MAX_HEADER_BYTES);
        writer.writeHeader(dst, fin, rsv, opcode, length);
        return Arrays.copyOf(dst.array(), dst.position());
    }

    private static List<Event> parseBack(Role role, byte[] wire) throws ProtocolException {
        RecordingHandler handler = new RecordingHandler();
        FrameParser parser = new FrameParser(role, handler, Long.MAX_VALUE);
        parser.setAllowedRsvBits(7);
        parser.parse(ByteBuffer.wrap(wire.clone())); // the parser unmasks in place
        assertTrue(parser.isAtFrameBoundary());
        return handler.events;
    }

    @Test
    void serverHeadersUseTheMinimalLengthForm() {
        assertArrayEquals(bytes(0x82, 0), header(server, true, 0, Opcode.BINARY, 0));
        assertArrayEquals(bytes(0x82, 125), header(server, true, 0, Opcode.BINARY, 125));
        assertArrayEquals(bytes(0x82, 126, 0x00, 0x7E), header(server, true, 0, Opcode.BINARY, 126));
        assertArrayEquals(bytes(0x82, 126, 0xFF, 0xFF), header(server, true, 0, Opcode.BINARY, 65535));
        assertArrayEquals(bytes(0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0), header(server, true, 0, Opcode.BINARY, 65536));
        assertArrayEquals(bytes(0x82, 127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                header(server, true, 0, Opcode.BINARY, Long.MAX_VALUE));
    }

    @Test
    void firstByteCarriesFinRsvAndOpcode() {
        assertArrayEquals(bytes(0x01, 3), header(server, false, 0, Opcode.TEXT, 3));
        assertArrayEquals(bytes(0xC1, 3), header(server, true, 4, Opcode.TEXT, 3));
        assertArrayEquals(bytes(0x70, 0), header(server, false, 7, Opcode.CONTINUATION, 0));
        assertArrayEquals(bytes(0x88, 2), header(server, true, 0, Opcode.CLOSE, 2));
    }

    @Test
    void clientHeadersSetTheMaskBitAndCarryTheReturnedKey() {
        long[] lengths = {0, 125, 126, 65535, 65536};
        int[] forms = {2, 2, 4, 4, 10};
        for (int i = 0; i < lengths.length; i++) {
            ByteBuffer dst = ByteBuffer.allocate(FrameWriter.MAX_HEADER_BYTES);
            int key = client.writeHeader(dst, true, 0, Opcode.BINARY, lengths[i]);
            assertEquals(forms[i] + 4, dst.position(), "length " + lengths[i]);
            assertEquals(forms[i] + 4, client.headerLength(lengths[i]));
            assertEquals(0x80, dst.get(1) & 0x80, "mask bit");
            assertEquals(key, dst.getInt(forms[i]), "key on the wire");
        }
        assertArrayEquals(bytes(0x82, 0xFE, 0x00, 0x7E), Arrays.copyOf(header(client, true, 0, Opcode.BINARY, 126), 4));
    }

    @Test
    void serverReturnsKeyZero() {
        assertEquals(0, server.writeHeader(ByteBuffer.allocate(14), true, 0, Opcode.TEXT, 5));
    }

    @Test
    void rfcUnmaskedExamplesAreReproducedByteForByte() {
        assertArrayEquals(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                joined(server.encode(true, 0, Opcode.TEXT, ByteBuffer.wrap(HELLO))));
        assertArrayEquals(bytes(0x01, 0x03, 0x48, 0x65, 0x6c),
                joined(server.encode(false, 0, Opcode.TEXT, ByteBuffer.wrap(HELLO, 0, 3))));
        assertArrayEquals(bytes(0x80, 0x02, 0x6c, 0x6f),
                joined(server.encode(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(HELLO, 3, 2))));
        assertArrayEquals(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                RecordingHandler.bytes(server.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.wrap(HELLO))));
        byte[] p256 = pattern(256);
        assertArrayEquals(concat(bytes(0x82, 0x7E, 0x01, 0x00), p256),
                joined(server.encode(true, 0, Opcode.BINARY, ByteBuffer.wrap(p256))));
        byte[] p64k = pattern(65536);
        assertArrayEquals(concat(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00), p64k),
                joined(server.encode(true, 0, Opcode.BINARY, ByteBuffer.wrap(p64k))));
    }

    @Test
    void rfcMaskedExamplesAreReproducedWithTheirKey() {
        FrameWriter rfcClient = new FrameWriter(Role.CLIENT, rfcKeys());
        byte[] maskedHello = bytes(0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertArrayEquals(concat(bytes(0x81, 0x85), maskedHello),
                joined(rfcClient.encode(true, 0, Opcode.TEXT, ByteBuffer.wrap(HELLO))));
        assertArrayEquals(concat(bytes(0x8a, 0x85), maskedHello),
                RecordingHandler.bytes(rfcClient.encodeToSingleBuffer(true, 0, Opcode.PONG, ByteBuffer.wrap(HELLO))));
    }

    @Test
    void clientFramesParseBackWithAServerParserAndLeaveTheCallersBytesAlone() throws ProtocolException {
        for (int length : new int[] {0, 1, 7, 125, 126, 1000, 65535, 65536, 70001}) {
            byte[] payload = pattern(length);
            ByteBuffer source = ByteBuffer.wrap(payload.clone());
            byte[] wire = joined(client.encode(true, 2, Opcode.BINARY, source));
            assertEquals(List.of(Event.data(Opcode.BINARY, true, 2, payload)), parseBack(Role.SERVER, wire));
            assertArrayEquals(payload, source.array(), "caller's payload must not be masked");
            assertEquals(0, source.position());
            byte[] single = RecordingHandler.bytes(client.encodeToSingleBuffer(false, 0, Opcode.TEXT, source));
            assertEquals(List.of(Event.data(Opcode.TEXT, false, 0, payload)), parseBack(Role.SERVER, single));
            if (length >= 8) {
                assertNotEquals(Arrays.toString(payload),
                        Arrays.toString(Arrays.copyOfRange(wire, wire.length - length, wire.length)), "payload masked");
            }
        }
        byte[] ping = RecordingHandler.bytes(client.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.wrap(HELLO)));
        assertEquals(List.of(Event.control(Opcode.PING, HELLO)), parseBack(Role.SERVER, ping));
    }

    @Test
    void clientUsesAFreshKeyPerFrame() {
        ByteBuffer[] first = client.encode(true, 0, Opcode.TEXT, ByteBuffer.wrap(HELLO));
        ByteBuffer[] second = client.encode(true, 0, Opcode.TEXT, ByteBuffer.wrap(HELLO));
        assertNotEquals(first[0].getInt(2), second[0].getInt(2));
    }

    @Test
    void serverFramesParseBackWithAClientParser() throws ProtocolException {
        for (int length : new int[] {0, 1, 125, 126, 65535, 65536}) {
            byte[] payload = pattern(length);
            byte[] wire = joined(server.encode(false, 1, Opcode.TEXT, ByteBuffer.wrap(payload)));
            assertEquals(List.of(Event.data(Opcode.TEXT, false, 1, payload)), parseBack(Role.CLIENT, wire));
            byte[] single = RecordingHandler.bytes(server.encodeToSingleBuffer(true, 0, Opcode.BINARY,
                    ByteBuffer.wrap(payload)));
            assertEquals(List.of(Event.data(Opcode.BINARY, true, 0, payload)), parseBack(Role.CLIENT, single));
        }
        byte[] close = RecordingHandler.bytes(server.encodeToSingleBuffer(true, 0, Opcode.CLOSE,
                ByteBuffer.wrap(bytes(0x03, 0xE8))));
        assertEquals(List.of(Event.control(Opcode.CLOSE, bytes(0x03, 0xE8))), parseBack(Role.CLIENT, close));
    }

    @Test
    void serverPayloadIsAnIndependentViewOfTheCallersBuffer() {
        byte[] payload = pattern(300);
        ByteBuffer readOnly = ByteBuffer.wrap(payload, 10, 200).asReadOnlyBuffer();
        ByteBuffer[] frame = server.encode(true, 0, Opcode.BINARY, readOnly);
        assertEquals(10, readOnly.position());
        assertEquals(200, frame[1].remaining());
        frame[1].position(frame[1].limit());
        assertEquals(10, readOnly.position(), "consuming the frame must not move the caller's buffer");
        payload[10] = 99;
        assertEquals(99, frame[1].get(0 + 10), "a view, not a copy");
        assertArrayEquals(bytes(0x82, 126, 0, 200), RecordingHandler.bytes(frame[0]));
    }

    @Test
    void refusesInvalidFrames() {
        ByteBuffer five = ByteBuffer.wrap(HELLO);
        assertThrows(IllegalArgumentException.class, () -> server.encode(false, 0, Opcode.PING, five));
        assertThrows(IllegalArgumentException.class, () -> client.encode(false, 0, Opcode.CLOSE, five));
        assertThrows(IllegalArgumentException.class,
                () -> server.encode(true, 0, Opcode.PONG, ByteBuffer.allocate(126)));
        assertThrows(IllegalArgumentException.class,
                () -> server.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.allocate(126)));
        assertThrows(IllegalArgumentException.class, () -> server.encode(true, 0, 0x3, five));
        assertThrows(IllegalArgumentException.class, () -> server.encode(true, 8, Opcode.TEXT, five));
        assertThrows(IllegalArgumentException.class,
                () -> server.writeHeader(ByteBuffer.allocate(14), true, 0, Opcode.TEXT, -1));
        assertThrows(BufferOverflowException.class,
                () -> server.writeHeader(ByteBuffer.allocate(3), true, 0, Opcode.TEXT, 126));
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(Role.CLIENT, null));
        // 125 bytes is the largest control payload (§5.5).
        assertEquals(127, server.encodeToSingleBuffer(true, 0, Opcode.PING, ByteBuffer.allocate(125)).remaining());
    }
}
