package dev.ondine.impl.protocol.deflate;

import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.DataFormatException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Releasing zlib between messages and rebuilding it from the kept history (preset
 * dictionary) keeps the shared LZ77 window of context takeover (RFC 7692 §7.2.1, §7.2.2):
 * checked byte for byte against a peer that never releases anything ({@link ReferencePeer}).
 */
class PerMessageDeflateReleaseTest {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] inflate(PerMessageDeflate codec, byte[] compressed) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Sink sink = chunk -> {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.write(b, 0, b.length);
        };
        codec.decompress(ByteBuffer.wrap(compressed), sink);
        codec.endMessage(sink);
        return out.toByteArray();
    }

    /** Text-like data: words from a small vocabulary, so that back-references are many and far. */
    private static byte[] text(Random random, int length) {
        String[] words = {"ondine ", "deflate ", "window ", "context ", "takeover ", "{\"id\":", "\"room\":", "42, ",
            "message ", "history "};
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(random.nextInt(8) == 0 ? Integer.toString(random.nextInt(100_000)) : words[random.nextInt(words.length)]);
        }
        return sb.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRebuiltCompressorStillRefersToTheMessageBeforeTheRelease() {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        codec.compress(ByteBuffer.wrap(HELLO), true);
        assertFalse(codec.releaseIdle());
        assertFalse(codec.holdsDeflater());
        // §7.2.3.2: the second "Hello" is one back-reference into the first, after the release as before it.
        assertArrayEquals(DeflateTestData.hex("f2 00 11 00 00"), bytes(codec.compress(ByteBuffer.wrap(HELLO), true)));
        assertTrue(codec.holdsDeflater());
    }

    @Test
    void aRebuiltDecompressorStillResolvesBackReferencesIntoEarlierMessages() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        assertArrayEquals(HELLO, inflate(codec, DeflateTestData.hex("f2 48 cd c9 c9 07 00")));
        codec.releaseIdle();
        assertFalse(codec.holdsInflater());
        assertArrayEquals(HELLO, inflate(codec, DeflateTestData.hex("f2 00 11 00 00"))); // §7.2.3.2
    }

    @Test
    void manyMessagesBothWaysMatchTheReferenceStreamsWhateverIsReleasedWhen() throws ProtocolException, DataFormatException {
        Random random = new Random(11);
        for (Role role : Role.values()) {
            PerMessageDeflate codec = new PerMessageDeflate(role, DeflateParameters.DEFAULTS);
            try (ReferencePeer peer = new ReferencePeer()) {
                long sentRaw = 0;
                long sentCompressed = 0;
                for (int i = 0; i < 400; i++) {
                    int size = switch (random.nextInt(6)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(70_000); // past the window, and past the kept 16 KiB
                        default -> random.nextInt(600);
                    };
                    byte[] message = text(random, size);
                    // this side compresses, the reference peer inflates with its unreleased window
                    byte[] compressed = bytes(codec.compress(ByteBuffer.wrap(message), true));
                    assertArrayEquals(message, peer.inflate(compressed), role + " sent message " + i);
                    sentRaw += message.length;
                    sentCompressed += compressed.length;
                    // the reference peer compresses with its whole window, this side inflates
                    byte[] reply = text(random, size / 2 + random.nextInt(50));
                    assertArrayEquals(reply, inflate(codec, peer.compress(reply)), role + " received message " + i);
                    if (random.nextInt(3) == 0) {
                        assertFalse(codec.releaseIdle());
                        assertFalse(codec.holdsDeflater());
                        assertFalse(codec.holdsInflater());
                    }
                }
                assertTrue(sentCompressed * 3 < sentRaw, "still compresses: " + sentCompressed + " of " + sentRaw);
            }
            codec.end();
        }
    }

    @Test
    void dataFromAlmostAWindowAgoIsReachableAfterARelease() throws ProtocolException, DataFormatException {
        // The reference peer refers 30 KiB back, past anything but the kept window.
        Random random = new Random(3);
        byte[] block = new byte[2000];
        random.nextBytes(block); // incompressible alone: only a back-reference makes it small
        byte[] filler = new byte[28_000];
        random.nextBytes(filler);
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        try (ReferencePeer peer = new ReferencePeer()) {
            assertArrayEquals(block, inflate(codec, peer.compress(block)));
            assertArrayEquals(filler, inflate(codec, peer.compress(filler)));
            codec.releaseIdle();
            byte[] again = peer.compress(block);
            assertTrue(again.length < 100, "a back-reference: " + again.length);
            assertArrayEquals(block, inflate(codec, again));
        }
    }

    @Test
    void anIdleCodecKeepsOnlyWhatWentThroughOnTheHeap() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        codec.compress(ByteBuffer.wrap(HELLO), true);
        inflate(codec, DeflateTestData.hex("f2 48 cd c9 c9 07 00"));
        codec.releaseIdle();
        assertEquals(10, codec.historyBytes()); // "Hello" each way
        byte[] big = text(new Random(1), 100_000);
        codec.compress(ByteBuffer.wrap(big), true);
        try (ReferencePeer peer = new ReferencePeer()) {
            PerMessageDeflate other = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
            inflate(other, peer.compress(big));
            other.releaseIdle();
            assertEquals(32 * 1024, other.historyBytes()); // the peer's whole window, nothing sent
        }
        codec.releaseIdle();
        assertEquals(PerMessageDeflate.SENT_HISTORY_BYTES + 5, codec.historyBytes());
    }

    @Test
    void noContextTakeoverKeepsNoHistory() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, new DeflateParameters(true, true, 0, 0));
        codec.compress(ByteBuffer.wrap(HELLO), true);
        inflate(codec, DeflateTestData.hex("f2 48 cd c9 c9 07 00"));
        codec.releaseIdle();
        assertEquals(0, codec.historyBytes());
        assertArrayEquals(DeflateTestData.hex("f2 48 cd c9 c9 07 00"), bytes(codec.compress(ByteBuffer.wrap(HELLO), true)));
        assertArrayEquals(HELLO, inflate(codec, DeflateTestData.hex("f2 48 cd c9 c9 07 00")));
    }

    @Test
    void aPeerWithASmallerWindowNeedsOnlyThatMuchHistory() throws ProtocolException {
        // server_max_window_bits=10 in the response: the server's back-references reach 1 KiB at most.
        PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, new DeflateParameters(false, false, 10, 0));
        PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, new DeflateParameters(false, false, 10, 0));
        assertFalse(server.compresses());
        assertThrows(IllegalStateException.class, () -> server.compress(ByteBuffer.wrap(HELLO), true));
        assertTrue(client.compresses());
        byte[] big = text(new Random(2), 5000);
        // A 15-bit inflater reads any smaller window: here a 1 KiB-window stream from zlib itself.
        byte[] small = DeflateTestData.deflateWithWindow(big, 10);
        assertArrayEquals(big, inflate(client, small));
        client.releaseIdle();
        assertEquals(1024, client.historyBytes());
    }

    @Test
    void aMessageInPartsIsNotCutByARelease() throws DataFormatException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(bytes(codec.compress(ByteBuffer.wrap("The quick brown ".getBytes(StandardCharsets.US_ASCII)), false)));
        assertTrue(codec.releaseIdle(), "held: the message is unfinished");
        assertTrue(codec.holdsDeflater());
        wire.writeBytes(bytes(codec.compress(ByteBuffer.wrap("fox".getBytes(StandardCharsets.US_ASCII)), true)));
        assertFalse(codec.releaseIdle());
        try (ReferencePeer peer = new ReferencePeer()) {
            assertArrayEquals("The quick brown fox".getBytes(StandardCharsets.US_ASCII), peer.inflate(wire.toByteArray()));
        }
    }

    @Test
    void aMessageBeingReceivedIsNotCutByARelease() throws ProtocolException {
        PerMessageDeflate codec = new PerMessageDeflate(Role.SERVER, DeflateParameters.DEFAULTS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Sink sink = chunk -> out.write(chunk.array(), chunk.position(), chunk.remaining());
        codec.decompress(ByteBuffer.wrap(DeflateTestData.hex("f2 48 cd")), sink);
        assertTrue(codec.releaseIdle());
        assertTrue(codec.holdsInflater());
        codec.decompress(ByteBuffer.wrap(DeflateTestData.hex("c9 c9 07 00")), sink);
        codec.endMessage(sink);
        assertArrayEquals(HELLO, out.toByteArray());
        assertFalse(codec.releaseIdle());
    }

    @Test
    void afterAFinalBlockTheNextStreamMayStillReachIntoTheWindow() throws ProtocolException {
        // §7.2.3.4: a message ended by a BFINAL block; a peer keeping its window (a preset
        // dictionary on its new stream) may refer to it in the next message.
        PerMessageDeflate codec = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        assertArrayEquals(HELLO, inflate(codec, DeflateTestData.hex("f3 48 cd c9 c9 07 00 00")));
        byte[] withDictionary = DeflateTestData.deflateWithDictionary(HELLO, HELLO);
        assertArrayEquals(HELLO, inflate(codec, withDictionary));
        codec.releaseIdle();
        assertArrayEquals(HELLO, inflate(codec, withDictionary));
    }
}
