package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskKeySourceTest {

    @Test
    void handsOutTheGeneratorsBytesBigEndianAcrossRefills() {
        Random reference = new Random(1234);
        MaskKeySource source = new MaskKeySource(new Random(1234));
        byte[] batch = new byte[MaskKeySource.BATCH_BYTES];
        for (int refill = 0; refill < 3; refill++) {
            reference.nextBytes(batch);
            ByteBuffer expected = ByteBuffer.wrap(batch);
            while (expected.hasRemaining()) {
                assertEquals(expected.getInt(), source.nextKey());
            }
        }
    }

    @Test
    void secureDefaultGivesVaryingKeys() {
        MaskKeySource source = new MaskKeySource();
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(source.nextKey());
        }
        // 1000 draws of 32 random bits: a repeat is possible, a run of few distinct values is not.
        assertTrue(keys.size() > 990, "distinct keys: " + keys.size());
    }
}
