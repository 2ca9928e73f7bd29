package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ondine.impl.protocol.CloseFrames.CloseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseFramesTest {

    private static ByteBuffer payload(int code, byte... reason) {
        ByteBuffer b = ByteBuffer.allocate(2 + reason.length);
        b.put((byte) (code >>> 8)).put((byte) code).put(reason).flip();
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999})
    void validCodesParseAndEncode(int code) throws ProtocolException {
        ByteBuffer p = payload(code, "bye".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new CloseStatus(code, "bye"), CloseFrames.parse(p));
        assertEquals(0, p.position());
        assertArrayEquals(bytes(p), bytes(CloseFrames.encode(code, "bye")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1012, 1015, 1016, 2999, 5000, 65535})
    void invalidCodesAreProtocolErrors(int code) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CloseFrames.parse(payload(code)));
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1006, 1012, 1015, 1016, 2999, 5000, 65535})
    void invalidCodesCannotBeEncoded(int code) {
        assertThrows(IllegalArgumentException.class, () -> CloseFrames.encode(code, ""));
    }

    @Test
    void emptyPayloadIsNoStatus() throws ProtocolException {
        assertEquals(new CloseStatus(1005, ""), CloseFrames.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void noStatusEncodesAnEmptyPayloadAndTakesNoReason() {
        assertEquals(0, CloseFrames.encode(CloseCodes.NO_STATUS, null).remaining());
        assertEquals(0, CloseFrames.encode(CloseCodes.NO_STATUS, "").remaining());
        assertThrows(IllegalArgumentException.class, () -> CloseFrames.encode(CloseCodes.NO_STATUS, "x"));
    }

    @Test
    void codeWithoutReason() throws ProtocolException {
        assertEquals(new CloseStatus(1000, ""), CloseFrames.parse(payload(1000)));
        assertArrayEquals(new byte[] {0x03, (byte) 0xE8}, bytes(CloseFrames.encode(1000, null)));
    }

    @Test
    void oneBytePayloadIsAProtocolError() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CloseFrames.parse(ByteBuffer.wrap(new byte[] {0x03})));
        assertEquals(1002, e.closeCode());
    }

    @Test
    void invalidUtf8ReasonIs1007() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CloseFrames.parse(payload(1000, (byte) 'o', (byte) 0xED, (byte) 0xA0, (byte) 0x80)));
        assertEquals(1007, e.closeCode());
        ProtocolException truncated = assertThrows(ProtocolException.class,
                () -> CloseFrames.parse(payload(1000, (byte) 'o', (byte) 0xE2, (byte) 0x82)));
        assertEquals(1007, truncated.closeCode());
    }

    @Test
    void multiByteReasonRoundTrips() throws ProtocolException {
        String reason = "κόσμε 😀";
        assertEquals(new CloseStatus(4000, reason), CloseFrames.parse(CloseFrames.encode(4000, reason)));
    }

    @Test
    void parseReadsFromThePositionOfASlice() throws ProtocolException {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 9, 0x03, (byte) 0xE9, 'x', 9});
        b.position(2).limit(5);
        assertEquals(new CloseStatus(1001, "x"), CloseFrames.parse(b));
    }

    @Test
    void asciiReasonIsCutAt123Bytes() {
        String reason = "a".repeat(200);
        ByteBuffer p = CloseFrames.encode(1000, reason);
        assertEquals(125, p.remaining());
    }

    @Test
    void multiByteReasonIsCutOnACodePointBoundary() throws ProtocolException {
        // 'κ' is 2 bytes: 61 of them make 122 bytes, the 62nd would make 124 > 123
        String kappas = "κ".repeat(100);
        ByteBuffer p = CloseFrames.encode(1000, kappas);
        assertEquals(2 + 122, p.remaining());
        assertEquals("κ".repeat(61), CloseFrames.parse(p).reason());

        // one ASCII byte first: 1 + 61 * 2 = 123 bytes fit exactly
        p = CloseFrames.encode(1000, "a" + kappas);
        assertEquals(125, p.remaining());
        assertEquals("a" + "κ".repeat(61), CloseFrames.parse(p).reason());

        // 4-byte emoji: 30 of them = 120 bytes, the 31st would make 124
        String emoji = "😀".repeat(40);
        p = CloseFrames.encode(1000, emoji);
        assertEquals(2 + 120, p.remaining());
        assertEquals("😀".repeat(30), CloseFrames.parse(p).reason());

        // 3-byte euro sign after 121 ASCII bytes: 124 > 123, so it is dropped whole
        p = CloseFrames.encode(1000, "a".repeat(121) + "€");
        assertEquals(2 + 121, p.remaining());
    }

    @Test
    void loneSurrogateIsSentAsReplacementCharacter() throws ProtocolException {
        ByteBuffer p = CloseFrames.encode(1000, "a\uD800b");
        assertEquals("a\uFFFDb", CloseFrames.parse(p).reason());
    }
}
