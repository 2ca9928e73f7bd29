package dev.ondine.impl.protocol.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void rfc6455Section1_3Example() {
        // RFC 6455 §1.3: the key "dGhlIHNhbXBsZSBub25jZQ==" gives "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void otherKeyGivesOtherValue() {
        assertEquals(28, AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA==").length());
        assertEquals(false, AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA==").equals(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")));
    }
}
