package dev.ondine.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {

    @Test
    void permessageDeflateIsOnByDefaultAndReadFromItsKey() {
        assertTrue(Limits.defaults().permessageDeflate());
        assertFalse(Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, "false")).permessageDeflate());
        assertTrue(Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, " TRUE ")).permessageDeflate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, "yes")));
        assertTrue(e.getMessage().contains(Limits.PERMESSAGE_DEFLATE));
        assertFalse(Limits.builder().permessageDeflate(false).build().toBuilder().build().permessageDeflate());
    }

    @Test
    void decompressedMessageLimitHasADefaultAndAKey() {
        assertEquals(Limits.DEFAULT_MAX_DECOMPRESSED_MESSAGE, Limits.defaults().maxDecompressedMessageBytes());
        assertEquals(1234, Limits.fromMap(Map.of(Limits.MAX_DECOMPRESSED_MESSAGE, "1234")).maxDecompressedMessageBytes());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().maxDecompressedMessageBytes(0).build());
        assertTrue(Limits.defaults().toString().contains(Limits.MAX_DECOMPRESSED_MESSAGE + "="));
    }

    @Test
    void incomingBacklogLimitIsEightMebibytesUnlessItsKeySaysOtherwise() {
        assertEquals(8L * 1024 * 1024, Limits.defaults().maxIncomingBacklogBytes());
        Limits read = Limits.fromMap(Map.of(Limits.MAX_INCOMING_BACKLOG, "4096"));
        assertEquals(4096, read.maxIncomingBacklogBytes());
        assertEquals(4096, read.toBuilder().build().maxIncomingBacklogBytes(), "kept by toBuilder");
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().maxIncomingBacklogBytes(-1).build());
        assertTrue(read.toString().contains(Limits.MAX_INCOMING_BACKLOG + "=4096"));
    }
}
