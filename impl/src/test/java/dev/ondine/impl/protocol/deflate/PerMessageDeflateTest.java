package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codec byte for byte, with the examples of RFC 7692 §7.2.3. */
class PerMessageDeflateTest {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    private static final DeflateParameters NO_SERVER_CONTEXT = new DeflateParameters(true, false, 0, 0);

    private static byte[] hex(String s) {
        return DeflateTestData.hex(s);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Collects decompressed output, refusing more than {@code limit} bytes as the assembler does. */
    private static final class Collector implements PerMessageDeflate.Sink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final long limit;
        final List<Integer> chunkSizes = new ArrayList<>();

        Collector(long limit) {
            this.limit = limit;
        }

        Collector() {
            this(Long.MAX_VALUE);
        }

        @Override
        public void accept(ByteBuffer chunk) throws ProtocolException {
            chunkSizes.add(chunk.remaining());
            if (out.size() + (long) chunk.remaining() > limit) {
                throw new ProtocolException(CloseCodes.TOO_BIG, "too big");
            }
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.write(b, 0, b.length);
        }

        byte[] take() {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        }
    }

    private static byte[] inflateMessage(PerMessageDeflate codec, byte[]... fragments) throws ProtocolException {
        Collector c = new Collector();
        for (byte[] f : fragments) {
            codec.decompress(ByteBuffer.wrap(f), c);
        }
        codec.endMessage(c);
        return c.take();
    }

    // ------------------------------------------------------------------ §7.2.3 examples

    @Test
    void helloCompressesAsInRfc7692Section7_2_3_1() {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), bytes(codec.compress(ByteBuffer.wrap(HELLO), true)));
    }

    @Test
    void secondHelloUsesTheSharedWindowAsInSection7_2_3_2() {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        codec.compress(ByteBuffer.wrap(HELLO), true);
        // §7.2.3.2: with context takeover the second "Hello" is a back-reference.
        assertArrayEquals(hex("f2 00 11 00 00"), bytes(codec.compress(ByteBuffer.wrap(HELLO), true)));
    }

    @Test
    void noContextTakeoverCompressesEachMessageAlone() {
        PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, NO_SERVER_CONTEXT);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), bytes(server.compress(ByteBuffer.wrap(HELLO), true)));
        }
        // client_no_context_takeover binds the client, not the server.
        PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, NO_SERVER_CONTEXT);
        client.compress(ByteBuffer.wrap(HELLO), true);
        assertArrayEquals(hex("f2 00 11 00 00"), bytes(client.compress(ByteBuffer.wrap(HELLO), true)));
        PerMessageDeflate client2 = new PerMessageDeflate(Role.CLIENT, new DeflateParameters(false, true, 0, 0));
        client2.compress(ByteBuffer.wrap(HELLO), true);
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), bytes(client2.compress(ByteBuffer.wrap(HELLO), true)));
    }

    @Test
    void decompressesEveryExampleOfSection7_2_3() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        // §7.2.3.1: one frame, then the same message in two fragments.
        assertArrayEquals(HELLO, inflateMessage(codec, hex("f2 48 cd c9 c9 07 00")));
        PerMessageDeflate fresh = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        assertArrayEquals(HELLO, inflateMessage(fresh, hex("f2 48 cd"), hex("c9 c9 07 00")));
        // §7.2.3.2: the second message refers to the first.
        assertArrayEquals(HELLO, inflateMessage(fresh, hex("f2 00 11 00 00")));
        // §7.2.3.3: a stored (uncompressed) block.
        assertArrayEquals(HELLO, inflateMessage(new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS),
                hex("00 05 00 fa ff 48 65 6c 6c 6f 00")));
        // §7.2.3.5: two DEFLATE blocks in one message.
        assertArrayEquals(HELLO, inflateMessage(new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS),
                hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")));
    }

    @Test
    void aBlockWithBfinalEndsTheStreamAndTheNextMessageStartsAfresh() throws ProtocolException {
        // §7.2.3.4: a final block instead of a sync flush; the tail appended after it is not DEFLATE data.
        PerMessageDeflate codec = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        assertArrayEquals(HELLO, inflateMessage(codec, hex("f3 48 cd c9 c9 07 00 00")));
        assertArrayEquals(HELLO, inflateMessage(codec, hex("f3 48 cd c9 c9 07 00 00")));
        assertArrayEquals(HELLO, inflateMessage(codec, hex("f2 48 cd c9 c9 07 00")));
    }

    @Test
    void anEmptyMessageCompressesToOneByteAndBack() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        byte[] empty = bytes(codec.compress(ByteBuffer.allocate(0), true));
        assertArrayEquals(hex("00"), empty);
        assertArrayEquals(new byte[0], inflateMessage(new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS), empty));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void roundTripsMessagesOfManySizesWithAndWithoutContextTakeover() throws ProtocolException {
        Random random = new Random(42);
        for (DeflateParameters p : List.of(DeflateParameters.DEFAULTS, new DeflateParameters(true, true, 0, 0))) {
            PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, p);
            PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, p);
            for (int size : new int[] {0, 1, 5, 125, 4096, 8191, 8192, 8193, 65536, 1 << 20}) {
                byte[] text = new byte[size];
                for (int i = 0; i < size; i++) {
                    text[i] = (byte) ('a' + random.nextInt(4)); // compressible
                }
                byte[] noise = new byte[size];
                random.nextBytes(noise); // incompressible: stored blocks
                for (byte[] message : List.of(text, noise)) {
                    ByteBuffer in = ByteBuffer.wrap(message);
                    byte[] compressed = bytes(server.compress(in, true));
                    assertEquals(0, in.position(), "the caller's buffer is left alone");
                    assertArrayEquals(message, inflateMessage(client, compressed), "size " + size);
                }
            }
        }
    }

    @Test
    void aMessageSentInPartsIsOneStreamWithTheTailOnlyRemovedAtTheEnd() throws ProtocolException {
        PerMessageDeflate sender = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        byte[] a = bytes(sender.compress(ByteBuffer.wrap("Hel".getBytes(StandardCharsets.US_ASCII)), false));
        byte[] b = bytes(sender.compress(ByteBuffer.allocate(0), false));
        byte[] c = bytes(sender.compress(ByteBuffer.wrap("lo".getBytes(StandardCharsets.US_ASCII)), true));
        // A sync flush ends each non-final part with the empty stored block (§7.2.1 keeps it there).
        assertArrayEquals(hex("00 00 ff ff"), java.util.Arrays.copyOfRange(a, a.length - 4, a.length));
        assertFalse(c.length >= 4 && c[c.length - 1] == (byte) 0xff && c[c.length - 2] == (byte) 0xff);
        PerMessageDeflate receiver = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        assertArrayEquals(HELLO, inflateMessage(receiver, a, b, c));
        // Fed one byte at a time, the same.
        byte[] all = bytes(ByteBuffer.allocate(a.length + b.length + c.length).put(a).put(b).put(c).flip());
        byte[][] singles = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            singles[i] = new byte[] {all[i]};
        }
        assertArrayEquals(HELLO, inflateMessage(new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS), singles));
    }

    @Test
    void aFinalPartWithNothingNewStillEndsTheMessageProperly() throws ProtocolException {
        // zlib writes nothing for such a flush; the message must still end with 0x00 (§7.2.3.6).
        PerMessageDeflate sender = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        PerMessageDeflate receiver = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        byte[] a = bytes(sender.compress(ByteBuffer.wrap(HELLO), false));
        byte[] b = bytes(sender.compress(ByteBuffer.allocate(0), true));
        assertArrayEquals(hex("00"), b);
        assertArrayEquals(HELLO, inflateMessage(receiver, a, b));
        // An empty message after another, with context takeover: the same.
        assertArrayEquals(hex("00"), bytes(sender.compress(ByteBuffer.allocate(0), true)));
        assertArrayEquals(new byte[0], inflateMessage(receiver, hex("00")));
        assertArrayEquals(HELLO, inflateMessage(receiver, bytes(sender.compress(ByteBuffer.wrap(HELLO), true))));
    }

    @Test
    void directBuffersAreCompressedAndInflated() throws ProtocolException {
        byte[] message = "direct buffers too, direct buffers too".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
        byte[] compressed = bytes(new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS).compress(direct, true));
        ByteBuffer in = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
        Collector c = new Collector();
        PerMessageDeflate receiver = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        receiver.decompress(in, c);
        receiver.endMessage(c);
        assertArrayEquals(message, c.take());
        assertFalse(in.hasRemaining());
    }

    // ------------------------------------------------------------------ safety

    @Test
    void invalidDeflateDataFailsWith1007() {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        // BTYPE 11 is reserved (RFC 1951 §3.2.3).
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decompress(ByteBuffer.wrap(hex("ff ff ff ff")), new Collector()));
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    @Test
    void aDeflateBombStopsAtTheLimitInBoundedChunks() {
        // 64 MiB of zeros deflate to about 64 KiB; the receiver accepts 1 MiB.
        byte[] bomb = DeflateTestData.bomb(64 << 20);
        assertTrue(bomb.length < 128 * 1024, "bomb is " + bomb.length + " bytes");

        Collector sink = new Collector(1 << 20);
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decompress(ByteBuffer.wrap(bomb), sink));
        assertEquals(CloseCodes.TOO_BIG, e.closeCode());
        assertEquals(1 << 20, sink.out.size(), "inflation stops at the first chunk past the limit");
        for (int size : sink.chunkSizes) {
            assertTrue(size <= PerMessageDeflate.CHUNK_BYTES, "chunk of " + size);
        }
        assertEquals((1 << 20) / PerMessageDeflate.CHUNK_BYTES + 1, sink.chunkSizes.size());
    }

    @Test
    void zlibIsCreatedOnFirstUseAndReleasedByEnd() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        assertFalse(codec.holdsDeflater());
        assertFalse(codec.holdsInflater());
        codec.compress(ByteBuffer.wrap(HELLO), true);
        assertTrue(codec.holdsDeflater());
        assertFalse(codec.holdsInflater());
        inflateMessage(codec, hex("f2 48 cd c9 c9 07 00"));
        assertTrue(codec.holdsInflater());
        codec.end();
        assertFalse(codec.holdsDeflater());
        assertFalse(codec.holdsInflater());
        assertThrows(IllegalStateException.class, () -> codec.compress(ByteBuffer.wrap(HELLO), true));
        Collector c = new Collector();
        codec.decompress(ByteBuffer.wrap(hex("f2 48 cd c9 c9 07 00")), c); // ignored after end
        codec.endMessage(c);
        assertEquals(0, c.out.size());
        codec.end(); // twice is fine
    }

    @Test
    void refusesABadLevel() {
        assertThrows(IllegalArgumentException.class, () -> new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS, 10));
    }

    @Test
    void aMessageCompressedAloneIsWhatAConnectionWithoutContextTakeoverSends() {
        DeflateParameters alone = new DeflateParameters(true, false, DeflateParameters.ABSENT, DeflateParameters.ABSENT);
        PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, alone, 6);
        assertTrue(server.compressesEachMessageAlone());
        assertEquals(6, server.level());
        assertFalse(new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS).compressesEachMessageAlone());
        byte[] message = "the same words, the same words, the same words".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            ByteBuffer own = server.compress(ByteBuffer.wrap(message), true);
            ByteBuffer shared = PerMessageDeflate.compressAlone(ByteBuffer.wrap(message).asReadOnlyBuffer(), 6);
            assertEquals(own, shared, "message " + i);
        }
        assertEquals(1, PerMessageDeflate.compressAlone(ByteBuffer.allocate(0), 6).remaining(), "§7.2.3.6: an empty message");
    }
}
