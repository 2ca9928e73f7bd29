package dev.ondine.impl.security;

import dev.ondine.impl.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import static dev.ondine.impl.security.Hostile.FRAME_LIMIT;
import static dev.ondine.impl.security.Hostile.KiB;
import static dev.ondine.impl.security.Hostile.MESSAGE_LIMIT;
import static dev.ondine.impl.security.Hostile.MiB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile frames (RFC 6455 §5, §7.4, RFC 7692 §6) after a good handshake: each ends with the
 * RFC's close code and the end of TCP, while a well-behaved session beside them keeps its
 * echo and the heap stays bounded.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameAttacksTest {
    static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate";

    private static StandaloneServer server;
    private static Wire good;
    private long heapBefore;

    @BeforeAll
    static void start() throws Exception {
        server = Hostile.start(Hostile.limits().build(), Hostile.Echo.class);
        good = Wire.open(server.address(), "/echo");
    }

    @AfterAll
    static void stop() {
        if (good != null) {
            good.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void measure() {
        heapBefore = Hostile.usedHeap();
    }

    @AfterEach
    void serverStillServes() throws Exception {
        Hostile.assertStillServing(good, server);
        // Generous: a few message limits' worth, for arrays still being collected.
        Hostile.assertHeapBounded(heapBefore, 4L * MESSAGE_LIMIT + 8L * MiB, "frame attack");
    }

    /** Upgrades (with extra headers), sends {@code bytes}, returns the close code, checks TCP ends. */
    static int closeCodeFor(byte[] bytes, String... headers) throws IOException {
        try (Wire w = Wire.open(server.address(), "/echo", headers)) {
            w.send(bytes);
            int code = w.awaitClose();
            assertTrue(w.endsWithin(3000), "TCP ends after the close frame");
            return code;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ lengths

    @Test
    void aFrameClaiming2To63Minus1BytesGets1009() throws IOException {
        // The top bit is clear, so the length is valid (§5.2) but far past the frame limit.
        assertEquals(1009, closeCodeFor(Wire.header64(0x82, Long.MAX_VALUE)));
        assertEquals(1009, closeCodeFor(Wire.header64(0x81, Long.MAX_VALUE)));
    }

    @Test
    void a64BitLengthWithTheTopBitSetGets1002() throws IOException {
        assertEquals(1002, closeCodeFor(Wire.header64(0x82, 0x8000_0000_0000_0000L)));
        assertEquals(1002, closeCodeFor(Wire.header64(0x82, -1L)));
    }

    @Test
    void aFrameJustOverTheFrameLimitGets1009BeforeItsPayload() throws IOException {
        // Only the header is sent: the answer cannot wait for 64 KiB that never come.
        assertEquals(1009, closeCodeFor(Wire.header64(0x82, FRAME_LIMIT + 1L)));
        assertEquals(1009, closeCodeFor(Wire.header64(0x02, FRAME_LIMIT + 1L)));
    }

    @Test
    void aMessageJustOverTheMessageLimitGets1009() throws IOException {
        // Frames within the frame limit, the message one byte past the message limit.
        byte[] piece = new byte[FRAME_LIMIT];
        int frames = MESSAGE_LIMIT / FRAME_LIMIT;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            out.writeBytes(Wire.frame(i == 0 ? 0x02 : 0x00, piece));
        }
        out.writeBytes(Wire.frame(0x80, new byte[1]));
        assertEquals(1009, closeCodeFor(out.toByteArray()));
    }

    // ------------------------------------------------------------------ framing rules

    @Test
    void unmaskedClientFramesGet1002() throws IOException {
        assertEquals(1002, closeCodeFor(Wire.frame(0x81, "hi".getBytes(StandardCharsets.US_ASCII), false)));
        assertEquals(1002, closeCodeFor(Wire.frame(0x89, new byte[0], false)));
    }

    @Test
    void reservedOpcodesGet1002() throws IOException {
        for (int opcode : List.of(0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF)) {
            assertEquals(1002, closeCodeFor(Wire.frame(0x80 | opcode, new byte[] {1, 2})), "opcode " + opcode);
        }
    }

    @Test
    void rsvBitsWithoutAnExtensionGet1002() throws IOException {
        byte[] hi = "hi".getBytes(StandardCharsets.US_ASCII);
        for (int rsv : List.of(0x40, 0x20, 0x10)) {
            assertEquals(1002, closeCodeFor(Wire.frame(0x80 | rsv | 0x1, hi)), "rsv " + rsv);
        }
        // With permessage-deflate, RSV1 means something, RSV2 and RSV3 still do not.
        for (int rsv : List.of(0x20, 0x10)) {
            assertEquals(1002, closeCodeFor(Wire.frame(0x80 | rsv | 0x1, hi), DEFLATE), "rsv " + rsv + " with deflate");
        }
        // RSV1 on a control frame, deflate or not.
        assertEquals(1002, closeCodeFor(Wire.frame(0xC9, new byte[0]), DEFLATE));
    }

    @Test
    void rsv1OnAContinuationWithDeflateGets1002() throws IOException {
        byte[] compressed = compress("hello, hello, hello".getBytes(StandardCharsets.US_ASCII));
        byte[] attack = concat(Wire.frame(0x41, compressed), Wire.frame(0xC0, compressed));
        assertEquals(1002, closeCodeFor(attack, DEFLATE));
    }

    @Test
    void aFragmentedControlFrameGets1002() throws IOException {
        assertEquals(1002, closeCodeFor(Wire.frame(0x09, new byte[] {1})));                     // ping, FIN clear
        assertEquals(1002, closeCodeFor(Wire.frame(0x0A, new byte[] {1})));                     // pong, FIN clear
        assertEquals(1002, closeCodeFor(Wire.frame(0x08, Wire.closePayload(1000, new byte[0])))); // close, FIN clear
    }

    @Test
    void aControlFrameOver125BytesGets1002() throws IOException {
        assertEquals(1002, closeCodeFor(Wire.frame(0x89, new byte[126])));
        assertEquals(1002, closeCodeFor(Wire.frame(0x8A, new byte[126])));
        assertEquals(1002, closeCodeFor(Wire.frame(0x88, Wire.closePayload(1000, new byte[124]))));
    }

    @Test
    void fragmentsOutOfOrderGet1002() throws IOException {
        byte[] x = {'x'};
        assertEquals(1002, closeCodeFor(Wire.frame(0x80, x)));                                 // continuation first
        assertEquals(1002, closeCodeFor(concat(Wire.frame(0x01, x), Wire.frame(0x81, x))));    // new message inside one
    }

    // ------------------------------------------------------------------ payloads

    @Test
    void invalidUtf8InTextGets1007() throws IOException {
        assertEquals(1007, closeCodeFor(Wire.frame(0x81, new byte[] {(byte) 0xC3, 0x28})));
        assertEquals(1007, closeCodeFor(Wire.frame(0x81, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));  // surrogate
        assertEquals(1007, closeCodeFor(Wire.frame(0x81, new byte[] {(byte) 0xC0, (byte) 0xAF})));              // overlong
        // In the middle of a fragmented message, before it ends.
        assertEquals(1007, closeCodeFor(concat(Wire.frame(0x01, "ok".getBytes(StandardCharsets.US_ASCII)),
                Wire.frame(0x00, new byte[] {(byte) 0xFF}))));
        // Ending inside a character.
        assertEquals(1007, closeCodeFor(Wire.frame(0x81, new byte[] {'a', (byte) 0xE2, (byte) 0x82})));
    }

    @Test
    void invalidUtf8InACloseReasonGets1007() throws IOException {
        assertEquals(1007, closeCodeFor(Wire.frame(0x88, Wire.closePayload(1000, new byte[] {(byte) 0xFF, 'x'}))));
    }

    @Test
    void aOneByteClosePayloadGets1002() throws IOException {
        assertEquals(1002, closeCodeFor(Wire.frame(0x88, new byte[] {0x03})));
    }

    @Test
    void invalidCloseCodesGet1002() throws IOException {
        for (int code : List.of(0, 999, 1004, 1005, 1006, 1012, 1015, 1016, 2000, 2999, 5000, 65535)) {
            assertEquals(1002, closeCodeFor(Wire.frame(0x88, Wire.closePayload(code, new byte[0]))), "code " + code);
        }
    }

    @Test
    void aPingFloodGets1008() throws IOException {
        // The default limit is 256 ping and pong frames a second: 2000 in one write.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ping = Wire.frame(0x89, new byte[125]);
        for (int i = 0; i < 2000; i++) {
            out.writeBytes(ping);
        }
        try (Wire w = Wire.open(server.address(), "/echo")) {
            w.send(out.toByteArray());
            int pongs = 0;
            Wire.Frame f;
            while ((f = w.readFrame()).opcode() == 0xA) {
                pongs++;
            }
            assertEquals(0x8, f.opcode());
            assertEquals(1008, f.closeCode());
            assertTrue(pongs <= 256, pongs + " pongs before the close");
            assertTrue(w.endsWithin(3000));
        }
    }

    // ------------------------------------------------------------------ fragments

    @Test
    void oneHundredThousandOneByteFragmentsAreOneMessageUnderTheLimit() throws IOException {
        int fragments = 100_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream(fragments * 7);
        for (int i = 0; i < fragments; i++) {
            int b0 = (i == 0 ? 0x01 : 0x00) | (i == fragments - 1 ? 0x80 : 0);
            out.writeBytes(Wire.frame(b0, new byte[] {(byte) ('a' + i % 26)}));
        }
        long allocatedBefore = selectorAllocatedBytes();
        try (Wire w = Wire.open(server.address(), "/echo")) {
            w.send(out.toByteArray());
            Wire.Frame echo = w.readFrame();
            assertEquals(0x1, echo.opcode());
            assertEquals(fragments, echo.payload().length);
            for (int i = 0; i < fragments; i += 9973) {
                assertEquals('a' + i % 26, echo.payload()[i]);
            }
        }
        long allocated = selectorAllocatedBytes() - allocatedBefore;
        if (allocatedBefore >= 0) {
            // The message's array doubles up to its size, the text is made once: no cost per fragment
            // beyond a few bytes. Bound: 32 bytes a fragment, all included (measured: ~5.6).
            System.out.printf("[hostile] 100000 one-byte fragments: selector threads allocated %d KiB (before %d)%n",
                    allocated / KiB, allocatedBefore);
            assertTrue(allocated < 32L * fragments, "selector threads allocated " + allocated + " bytes");
        }
    }

    @Test
    void oneByteFragmentsPastTheMessageLimitGet1009() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = MESSAGE_LIMIT / FRAME_LIMIT;
        for (int i = 0; i < pieces; i++) {
            out.writeBytes(Wire.frame(i == 0 ? 0x02 : 0x00, new byte[FRAME_LIMIT - 1]));
        }
        // pieces bytes short of the limit: one-byte fragments cross it.
        for (int i = 0; i <= pieces; i++) {
            out.writeBytes(Wire.frame(0x00, new byte[] {1}));
        }
        out.writeBytes(Wire.frame(0x80, new byte[] {1}));
        assertEquals(1009, closeCodeFor(out.toByteArray()));
    }

    /** Raw DEFLATE of {@code data} with a sync flush, its {@code 00 00 ff ff} tail removed (RFC 7692 §7.2.1). */
    static byte[] compress(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * KiB];
            int n;
            do {
                n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length || !d.needsInput());
            byte[] all = out.toByteArray();
            assertTrue(all.length >= 4 && Arrays.equals(Arrays.copyOfRange(all, all.length - 4, all.length),
                    new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}), "sync flush tail");
            return Arrays.copyOf(all, all.length - 4);
        } finally {
            d.end();
        }
    }

    /** Bytes allocated so far by the running servers' selector threads, or -1 where the JVM cannot tell. */
    static long selectorAllocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
                || !mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        // Loops are named after the port asked for (0 here); only this class's server runs now.
        String prefix = "ondine-nio-";
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }
}
