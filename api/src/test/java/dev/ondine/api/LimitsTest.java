package dev.ondine.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {

    @Test
    void connectionPropertiesAreOffByDefaultAndReadFromTheirKey() {
        assertFalse(Limits.defaults().connectionProperties());
        assertTrue(Limits.fromMap(Map.of(Limits.CONNECTION_PROPERTIES, "true")).connectionProperties());
        assertTrue(Limits.builder().connectionProperties(true).build().toBuilder().build().connectionProperties());
        assertThrows(IllegalArgumentException.class, () -> Limits.fromMap(Map.of(Limits.CONNECTION_PROPERTIES, "on")));
    }

    @Test
    void permessageDeflateIsOnByDefaultAndReadFromItsKey() {
        assertTrue(Limits.defaults().permessageDeflate());
        assertFalse(Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, "false")).permessageDeflate());
        assertTrue(Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, " TRUE ")).permessageDeflate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.fromMap(Map.of(Limits.PERMESSAGE_DEFLATE, "yes")));
        assertTrue(e.getMessage().contains(Limits.PERMESSAGE_DEFLATE));
        assertFalse(Limits.builder().permessageDeflate(false).build().toBuilder().build().permessageDeflate());
        assertEquals(Limits.DEFAULT_DEFLATE_RELEASE, Limits.defaults().deflateReleaseMillis());
        assertEquals(-1, Limits.fromMap(Map.of(Limits.DEFLATE_RELEASE, "-1")).deflateReleaseMillis());
        assertEquals(0, Limits.builder().deflateReleaseMillis(0).build().toBuilder().build().deflateReleaseMillis());
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

    @Test
    void keepaliveAndSlowConsumerSettingsHaveDefaultsKeysAndEndpointOverrides() {
        Limits d = Limits.defaults();
        assertEquals(0, d.pingIntervalMillis(), "no keepalive pings by default");
        assertEquals(10_000, d.pongTimeoutMillis());
        assertEquals(20_000, d.blockingSendTimeoutMillis(), "as Tomcat's");
        assertEquals(0, d.slowConsumerCloseMillis(), "slow consumers are paused, not closed, by default");
        Limits read = Limits.fromMap(Map.of("ondine.pingIntervalMillis", "1000", "ondine.pongTimeoutMillis", "200",
                "ondine.blockingSendTimeoutMillis", "0", "ondine.slowConsumerCloseMillis", "3000"));
        assertEquals(1000, read.pingIntervalMillis());
        assertEquals(200, read.pongTimeoutMillis());
        assertEquals(0, read.blockingSendTimeoutMillis());
        assertEquals(3000, read.slowConsumerCloseMillis());
        assertEquals(read.toString(), read.toBuilder().build().toString(), "kept by toBuilder");
        assertTrue(read.toString().contains(Limits.PING_INTERVAL + "=1000"));
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().pongTimeoutMillis(0).build());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().pingIntervalMillis(-1).build());

        Limits small = Limits.builder().maxTextMessageBytes(10).build();
        assertTrue(small == small.withEndpointSettings(k -> null), "nothing set: the same limits");
        Limits endpoint = small.withEndpointSettings(Map.of(Limits.PING_INTERVAL, "500", Limits.MAX_TEXT_MESSAGE, "99")::get);
        assertEquals(500, endpoint.pingIntervalMillis());
        assertEquals(10, endpoint.maxTextMessageBytes(), "only the keepalive and slow-consumer settings are per endpoint");
    }
}
